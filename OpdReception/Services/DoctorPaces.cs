using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// Each doctor's rolling summary of their last consultations: written with every completion, in its transaction,
/// and read by whoever arranges a day with one read by the doctor's key, never a scan of the history.
/// </summary>
internal static class DoctorPaces
{
    /// <summary>The pace a day of <paramref name="doctorId"/> on <paramref name="date"/> is arranged with; null when learning is off.</summary>
    public static async Task<ConsultationPace?> PaceAsync(OpdDbContext db, int doctorId, DateOnly date, EstimateOptions options, CancellationToken ct) =>
        options.Learn ? Learn(await PaceOf(db, doctorId, ct), date) : null;

    /// <summary>Several doctors' paces in one read, for an issue batch spread over many doctors.</summary>
    public static async Task<IReadOnlyDictionary<int, DoctorPace>> RowsAsync(OpdDbContext db, IReadOnlyCollection<int> doctorIds, EstimateOptions options, CancellationToken ct) =>
        options.Learn
            ? await db.DoctorPaces.AsNoTracking().Where(p => doctorIds.Contains(p.DoctorId)).ToDictionaryAsync(p => p.DoctorId, ct)
            : new Dictionary<int, DoctorPace>();

    public static ConsultationPace Learn(DoctorPace? row, DateOnly date)
    {
        var (earlier, today) = Window(row).Split(date);
        return PaceLearning.Learn(earlier, today);
    }

    /// <summary>
    /// A consultation completed: its length, from the last call (or recall) in the token's history to
    /// <paramref name="now"/>, joins the doctor's window as one of <paramref name="date"/>'s (the slot's day, which a
    /// day run past midnight keeps). Saved by the caller's SaveChanges, in its transaction.
    /// </summary>
    public static async Task RecordAsync(OpdDbContext db, int tokenId, int doctorId, DateOnly date, DateTime now, EstimateOptions options, CancellationToken ct)
    {
        var calledAt = await db.TokenEvents
            .Where(e => e.TokenId == tokenId && (e.Action == SlotQueues.CalledAction || e.Action == SlotQueues.RecalledAction))
            .MaxAsync(e => (DateTime?)e.At, ct);
        if (calledAt is not { } called || called > now)
        {
            return;
        }

        var row = await db.DoctorPaces.FirstOrDefaultAsync(p => p.DoctorId == doctorId, ct);
        if (row is null)
        {
            row = new DoctorPace { DoctorId = doctorId };
            db.DoctorPaces.Add(row);
        }

        var window = Window(row).With((now - called).TotalMinutes, date, options.Window);
        row.Minutes = window.Format();
        row.LastDate = window.LastDate;
        row.TodayCount = window.TodayCount;
        row.Count++;
        row.UpdatedAt = now;
    }

    private static PaceWindow Window(DoctorPace? row) =>
        row is null ? PaceWindow.Empty : PaceWindow.Parse(row.Minutes, row.LastDate, row.TodayCount);

    private static readonly Func<OpdDbContext, int, CancellationToken, Task<DoctorPace?>> PaceOf = EF.CompileAsyncQuery(
        (OpdDbContext db, int doctorId, CancellationToken ct) => db.DoctorPaces.AsNoTracking().FirstOrDefault(p => p.DoctorId == doctorId));
}
