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

public sealed class DoctorPaceConfiguration : IEntityTypeConfiguration<DoctorPace>
{
    public void Configure(EntityTypeBuilder<DoctorPace> builder)
    {
        builder.HasKey(p => p.DoctorId);
        builder.Property(p => p.DoctorId).ValueGeneratedNever();
        builder.HasOne<Doctor>().WithOne().HasForeignKey<DoctorPace>(p => p.DoctorId);

        // 200 consultations (the largest window) of up to "999.9 " each.
        builder.Property(p => p.Minutes).HasMaxLength(1200);
    }
}
