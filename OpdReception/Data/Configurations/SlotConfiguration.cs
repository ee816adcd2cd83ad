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

        // The sweeps' starting point: only days not yet closed, so their cost stays with today, not with the history.
        builder.HasIndex(s => s.Date, "IX_Slots_OpenDays").HasFilter("\"DayClosedAt\" IS NULL");
        // The retention sweep's starting point: only slots it has not yet looked at, so its cost is the days that crossed the line.
        builder.HasIndex(s => s.Date, "IX_Slots_RetentionDue").HasFilter("\"RetentionSweptAt\" IS NULL");
        builder.Property(s => s.StatusReason).HasMaxLength(200);
    }
}
