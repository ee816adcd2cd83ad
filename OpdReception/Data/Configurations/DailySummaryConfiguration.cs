using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpdReception.Data.Configurations;

public sealed class DailySummaryConfiguration : IEntityTypeConfiguration<DailySummary>
{
    public void Configure(EntityTypeBuilder<DailySummary> builder)
    {
        // A doctor deleted outright had no patients: only empty summaries go with them.
        // One summary per doctor's day; the reports read a range of dates, all doctors or one, through these two.
        builder.HasIndex(s => new { s.DoctorId, s.Date }).IsUnique();
        builder.HasIndex(s => s.Date);
        builder.HasOne<Doctor>().WithMany().HasForeignKey(s => s.DoctorId).OnDelete(DeleteBehavior.Cascade);
    }
}
