using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>An active token of a doctor's day with what a screen shows of it, its patient joined: a row, not an entity.</summary>
internal sealed record TokenRow(
    int Id, int SlotId, int TokenNumber, string PatientId, string PatientName, string? Phone, TokenSource Source, TokenStatus Status,
    int PriorityScore, DateTime IssuedAt, DateTime QueuedAt, DateTime? CheckedInAt, string? CancellationReason, DateTime? CalledAt)
{
    public DayEntry Entry => new(Id, SlotId, Source, Status, PriorityScore, QueuedAt, CalledAt, CheckedInAt);

    public TokenView ToView(SlotState slot, string doctorName, DayPlace place) => new(
        Id, slot.Label(TokenNumber), slot.Id, slot.DoctorId, doctorName, PatientId, PatientName, Phone, Source, Status, PriorityScore,
        place.Position, place.EstimatedTime, place.PastSlotEnd, IssuedAt, CheckedInAt, CancellationReason, slot.Date, slot.Start, slot.Status, place.Reason,
        EstimatedFrom: place.EstimatedFrom, EstimatedTo: place.EstimatedTo, NominalTime: place.NominalTime);
}

/// <summary>A doctor's day as a queue screen reads it: the slots, the timeline, and each active token's row.</summary>
internal sealed record DayScreen(IReadOnlyList<DayQueueSlot> Slots, IReadOnlyList<DayPlace> Places, IReadOnlyDictionary<int, TokenRow> Rows)
{
    /// <summary>The slot as the screens show it, its seats counted from the day's rows; null for a slot the day did not hold when read.</summary>
    public SlotView? SlotView(Slot slot) => Slots.FirstOrDefault(s => s.Slot.Id == slot.Id) is { } state ? slot.ToView(state.Slot) : null;

    /// <summary>The tokens in the order of the doctor's day, those of one slot only if it is named.</summary>
    public List<TokenView> Views(string doctorName, int? slotId = null)
    {
        var slotOf = Slots.ToDictionary(s => s.Slot.Id, s => s.Slot);
        return Places.Where(p => slotId is null || p.SlotId == slotId).Select(p => Rows[p.TokenId].ToView(slotOf[p.SlotId], doctorName, p)).ToList();
    }
}

internal static partial class SlotQueues
{
    /// <summary>
    /// The doctor's day for a screen, in two compiled queries: the slots, and every token of the day as a row with
    /// its patient (the finished ones count the seats). One read of the tokens serves the seats, the timeline and the
    /// views, and no entity is built, so the cost is that of the day's tokens (found through the slots' index), not
    /// of the history.
    /// </summary>
    public static async Task<DayScreen> ScreenAsync(
        OpdDbContext db, int doctorId, DateOnly date, DateTime now, PriorityWeights weights, EstimateOptions estimates, CancellationToken ct)
    {
        var pace = await DoctorPaces.PaceAsync(db, doctorId, date, estimates, ct);
        var slots = await ToListAsync(SlotsOfDay(db, doctorId, date), ct);
        var rows = await ToListAsync(TokenRowsOfDay(db, doctorId, date), ct);
        var entries = rows.Select(r => r.Entry).ToList();
        var states = States(slots, entries);
        var active = rows.Where(r => r.Status.IsActive()).ToList();
        return new DayScreen(states, DayQueue.Arrange(states, [.. Ageing.WithOvertakes(states, entries).Where(t => t.Status.IsActive())], now, weights, pace),
            active.ToDictionary(r => r.Id));
    }

    /// <summary>One slot with its doctor, no tokens: what a queue screen shows of it besides the seats.</summary>
    public static readonly Func<OpdDbContext, int, CancellationToken, Task<Slot?>> SlotWithDoctor = EF.CompileAsyncQuery(
        (OpdDbContext db, int slotId, CancellationToken ct) => db.Slots.AsNoTracking().Include(s => s.Doctor).FirstOrDefault(s => s.Id == slotId));

    /// <summary>A doctor's slots of one date with the doctor (a handful: the caller puts them in order).</summary>
    public static readonly Func<OpdDbContext, int, DateOnly, IAsyncEnumerable<Slot>> SlotsWithDoctor = EF.CompileAsyncQuery(
        (OpdDbContext db, int doctorId, DateOnly date) => db.Slots.AsNoTracking().Include(s => s.Doctor).Where(s => s.DoctorId == doctorId && s.Date == date));

    private static readonly Func<OpdDbContext, int, DateOnly, IAsyncEnumerable<TokenRow>> TokenRowsOfDay = EF.CompileAsyncQuery(
        (OpdDbContext db, int doctorId, DateOnly date) => db.Tokens
            .Where(t => t.Slot.DoctorId == doctorId && t.Slot.Date == date)
            .Select(t => new TokenRow(t.Id, t.SlotId, t.TokenNumber, t.PatientId, t.Patient.Name, t.Patient.Phone, t.Source, t.Status,
                t.PriorityScore, t.IssuedAt, t.QueuedAt, t.CheckedInAt, t.CancellationReason,
                t.Status == TokenStatus.InConsultation ? t.History.Where(e => e.Action == CalledAction || e.Action == RecalledAction).Max(e => (DateTime?)e.At) : null)));
}
