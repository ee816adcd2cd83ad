using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpdReception.Data.Configurations;

public sealed class WeeklySessionConfiguration : IEntityTypeConfiguration<WeeklySession>
{
    public void Configure(EntityTypeBuilder<WeeklySession> builder)
    {
        builder.HasOne<Doctor>().WithMany(d => d.WeeklySessions).HasForeignKey(s => s.DoctorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.DoctorId, s.Day });
    }
}

public sealed class DoctorLeaveConfiguration : IEntityTypeConfiguration<DoctorLeave>
{
    public void Configure(EntityTypeBuilder<DoctorLeave> builder)
    {
        builder.Property(l => l.Reason).HasMaxLength(200);
        builder.Property(l => l.By).HasMaxLength(100);
        builder.HasOne(l => l.Doctor).WithMany().HasForeignKey(l => l.DoctorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.DoctorId, l.From });
    }
}

public sealed class OpdSettingConfiguration : IEntityTypeConfiguration<OpdSetting>
{
    public void Configure(EntityTypeBuilder<OpdSetting> builder)
    {
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(60);
        builder.Property(s => s.Value).HasMaxLength(200);
    }
}

public sealed class HospitalLogoConfiguration : IEntityTypeConfiguration<HospitalLogo>
{
    public void Configure(EntityTypeBuilder<HospitalLogo> builder)
    {
        builder.Property(l => l.ContentType).HasMaxLength(40);
    }
}

public sealed class AdminChangeConfiguration : IEntityTypeConfiguration<AdminChange>
{
    public void Configure(EntityTypeBuilder<AdminChange> builder)
    {
        builder.Property(c => c.By).HasMaxLength(100);
        builder.Property(c => c.ByUserId).HasMaxLength(60);
        builder.Property(c => c.Area).HasMaxLength(20);
        builder.Property(c => c.Subject).HasMaxLength(200);
        builder.Property(c => c.Details).HasMaxLength(2000);
        builder.HasIndex(c => new { c.Area, c.At });
    }
}
