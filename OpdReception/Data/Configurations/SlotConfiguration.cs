using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpdReception.Data.Configurations;

public sealed class SlotConfiguration : IEntityTypeConfiguration<Slot>
{
    public void Configure(EntityTypeBuilder<Slot> builder)
    {
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne(s => s.Doctor).WithMany(d => d.Slots).HasForeignKey(s => s.DoctorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.DoctorId, s.Date, s.StartTime });
        builder.HasIndex(s => s.Date);
        builder.Property(s => s.StatusReason).HasMaxLength(200);
    }
}
