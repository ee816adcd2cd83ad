using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpdReception.Domain;

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

        // Rows written before prefixes existed read as T, as their slips do.
        builder.Property(d => d.LabelPrefix).HasMaxLength(TokenLabels.MaxPrefixLength).HasDefaultValue(TokenLabels.DefaultPrefix);
    }
}

public sealed class DoctorDayConfiguration : IEntityTypeConfiguration<DoctorDayCounter>
{
    public void Configure(EntityTypeBuilder<DoctorDayCounter> builder)
    {
        builder.HasKey(d => new { d.DoctorId, d.Date });
        builder.HasOne<Doctor>().WithMany(d => d.DayCounters).HasForeignKey(d => d.DoctorId);
    }
}
