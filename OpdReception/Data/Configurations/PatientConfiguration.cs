using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpdReception.Data.Configurations;

public sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.Property(p => p.Id).HasMaxLength(40);
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Phone).HasMaxLength(20);
        builder.Property(p => p.Address).HasMaxLength(300);
        builder.Property(p => p.AbhaNumber).HasMaxLength(14);
        builder.Property(p => p.AbhaAddress).HasMaxLength(100);
        builder.Property(p => p.MergedIntoId).HasMaxLength(40);
        builder.Property(p => p.Language).HasMaxLength(5);
        builder.Property(p => p.Email).HasMaxLength(254);

        // The duplicate check looks up every patient with the phone a new patient gives, inside the write gate.
        builder.Property(p => p.PhoneKey).HasMaxLength(10);
        builder.HasIndex(p => p.PhoneKey);
        builder.HasMany(p => p.History).WithOne().HasForeignKey(e => e.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}
