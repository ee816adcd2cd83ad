using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpdReception.Data.Configurations;

public sealed class PatientEventConfiguration : IEntityTypeConfiguration<PatientEvent>
{
    public void Configure(EntityTypeBuilder<PatientEvent> builder)
    {
        builder.Property(e => e.PatientId).HasMaxLength(40);
        builder.Property(e => e.By).HasMaxLength(100);
        builder.Property(e => e.ByUserId).HasMaxLength(450);
        builder.Property(e => e.Action).HasMaxLength(40);
        builder.Property(e => e.Details).HasMaxLength(1000);
        builder.HasIndex(e => e.PatientId);
    }
}
