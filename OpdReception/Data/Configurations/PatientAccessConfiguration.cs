using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpdReception.Data.Configurations;

public sealed class PatientAccessConfiguration : IEntityTypeConfiguration<PatientAccess>
{
    public void Configure(EntityTypeBuilder<PatientAccess> builder)
    {
        builder.ToTable("PatientAccesses");
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.PatientId).HasMaxLength(40);

        // Read per patient, per doctor's day (board opens), and pruned by age: each through its own index.
        builder.HasIndex(a => new { a.PatientId, a.At });
        builder.HasIndex(a => new { a.DoctorId, a.Day });
        builder.HasIndex(a => a.At);
    }
}
