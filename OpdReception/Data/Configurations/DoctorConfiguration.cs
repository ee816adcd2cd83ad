using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpdReception.Data.Configurations;

public sealed class DoctorConfiguration : IEntityTypeConfiguration<Doctor>
{
    public void Configure(EntityTypeBuilder<Doctor> builder)
    {
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.Property(d => d.Specialization).HasMaxLength(100);
        builder.Property(d => d.Room).HasMaxLength(40);
        builder.Property(d => d.OpdDays).HasMaxLength(80);
        builder.HasIndex(d => d.Specialization);
    }
}
