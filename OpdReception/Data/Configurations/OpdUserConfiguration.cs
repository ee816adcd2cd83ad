using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpdReception.Security;

namespace OpdReception.Data.Configurations;

public sealed class OpdUserConfiguration : IEntityTypeConfiguration<OpdUser>
{
    public void Configure(EntityTypeBuilder<OpdUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(100);

        // A doctor's record cannot be removed while a user signs in as that doctor.
        builder.HasOne<Doctor>().WithMany().HasForeignKey(u => u.DoctorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.DoctorId).IsUnique();
    }
}
