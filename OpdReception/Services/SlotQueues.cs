using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>The doctor's day as the rules see it: every slot of that doctor on that date, with the timeline arranged.</summary>
public sealed class DayTimeline(IReadOnlyList<DayQueueSlot> slots, IReadOnlyList<DayPlace> places)
{
    private Dictionary<int, DayPlace>? _byToken;

    public IReadOnlyList<DayQueueSlot> Slots => slots;

    public IReadOnlyList<DayPlace> Places => places;

    /// <summary>Indexed on first use: an issue batch looks up each of its tokens in a day of hundreds.</summary>
    public DayPlace? PlaceOf(int tokenId) => (_byToken ??= Places.ToDictionary(p => p.TokenId)).GetValueOrDefault(tokenId);
}

/// <summary>Loads slots and doctors' days with everything their queues need and arranges them through the rules.</summary>
internal static partial class SlotQueues
{
    /// <summary>
    /// Two queries, not one: SQLite cannot flatten the LEFT JOIN that a single Include of tokens with their patients
    /// becomes, and would join every token on record to its patient before picking this slot's. Loaded apart, the
    /// tokens are found through their slot's index and the cost stays the slot's, whatever the size of the history.
    /// </summary>
    public static async Task<Slot?> LoadAsync(OpdDbContext db, int slotId, CancellationToken ct)
    {
        var slot = await db.Slots.Include(s => s.Doctor).FirstOrDefaultAsync(s => s.Id == slotId, ct);
        if (slot is not null)
        {
            // Tracked, so the context attaches them to slot.Tokens.
            await db.Tokens.Include(t => t.Patient).Where(t => t.SlotId == slotId).LoadAsync(ct);
        }

        return slot;
    }

    /// <summary>
    /// The same, for reading only: nothing is tracked, so a queue of thousands costs its rows and not the change
    /// tracker's bookkeeping of each.
    /// </summary>
    public static async Task<Slot?> ReadAsync(OpdDbContext db, int slotId, CancellationToken ct)
    {
        var slot = await db.Slots.AsNoTracking().Include(s => s.Doctor).FirstOrDefaultAsync(s => s.Id == slotId, ct);
        if (slot is not null)
        {
            slot.Tokens = await db.Tokens.AsNoTracking().Include(t => t.Patient).Where(t => t.SlotId == slotId).ToListAsync(ct);
        }

        return slot;
    }

    /// <summary>What a status change decides on: the slot and its tokens, without patients or doctor.</summary>
    public static Task<Slot?> LoadForChangeAsync(OpdDbContext db, int slotId, CancellationToken ct) =>
        db.Slots.Include(s => s.Tokens).FirstOrDefaultAsync(s => s.Id == slotId, ct);

    /// <summary>
    /// One doctor's day: the slots, and the active tokens' queue keys only (no patients), so its cost follows the
    /// size of that day, not of the database. A <paramref name="newcomer"/> not yet written is placed as if it were.
    /// </summary>
    public static async Task<DayTimeline> DayAsync(
        OpdDbContext db, int doctorId, DateOnly date, DateTime now, PriorityWeights weights, EstimateOptions estimates, CancellationToken ct,
        DayEntry? newcomer = null, IReadOnlyCollection<DayEntry>? movedIn = null)
    {
        var day = await DayStateAsync(db, doctorId, date, ct, estimates);

        // A token moving within the doctor's day is placed once, where it is going; so are the tokens of a previewed move.
        IReadOnlyCollection<DayEntry> arriving = [.. movedIn ?? [], .. newcomer is null ? [] : new[] { newcomer }];
        IReadOnlyList<DayEntry> entries = [.. day.Tokens.Where(t => arriving.All(a => a.TokenId != t.TokenId)), .. arriving];
        return new DayTimeline(day.Slots, DayQueue.Arrange(day.Slots, entries, now, weights, day.Pace));
    }

    /// <summary>
    /// The doctor's day as the rules read it, before arranging: slots with their seats, and the active tokens. Two
    /// queries, each row of the day visited once: the seats are counted here from the same token rows the queue is
    /// read from, rather than by SQL subqueries that would visit every token of the slot twice more. With
    /// <paramref name="estimates"/>, the doctor's pace too, by its key: a reader that tells times passes them.
    /// </summary>
    public static async Task<DoctorDayState> DayStateAsync(OpdDbContext db, int doctorId, DateOnly date, CancellationToken ct, EstimateOptions? estimates = null)
    {
        var slots = await ToListAsync(SlotsOfDay(db, doctorId, date), ct);
        var tokens = await ToListAsync(TokensOfDay(db, doctorId, date), ct);
        var states = States(slots, tokens);
        var pace = estimates is null ? null : await DoctorPaces.PaceAsync(db, doctorId, date, estimates, ct);
        return new DoctorDayState(doctorId, date, states, Ageing.WithOvertakes(states, tokens).Where(t => t.Status.IsActive()).ToList(), pace);
    }

    /// <summary>
    /// Several doctors' days arranged at once, in the same two queries as one: an issue batch spread over many doctors
    /// pays two statements for all their answers, not two per doctor.
    /// </summary>
    public static async Task<Dictionary<(int DoctorId, DateOnly Date), DayTimeline>> DaysAsync(
        OpdDbContext db, IReadOnlyCollection<(int DoctorId, DateOnly Date)> days, DateTime now, PriorityWeights weights, EstimateOptions estimates,
        CancellationToken ct)
    {
        var doctorIds = days.Select(d => d.DoctorId).Distinct().ToList();
        var paces = await DoctorPaces.RowsAsync(db, doctorIds, estimates, ct);
        var dates = days.Select(d => d.Date).Distinct().ToList();
        var slots = (await db.Slots.AsNoTracking()
                .Where(s => doctorIds.Contains(s.DoctorId) && dates.Contains(s.Date))
                .Select(AsDaySlot)
                .ToListAsync(ct))
            .Where(s => days.Contains((s.DoctorId, s.Date)))
            .ToList();
        var slotIds = slots.Select(s => s.Id).ToList();
        var tokensOf = (await db.Tokens.AsNoTracking().Where(t => slotIds.Contains(t.SlotId)).Select(AsDayEntry).ToListAsync(ct)).ToLookup(t => t.SlotId);
        return slots.GroupBy(s => (s.DoctorId, s.Date)).ToDictionary(day => day.Key, day =>
        {
            var tokens = day.SelectMany(s => tokensOf[s.Id]).ToList();
            var states = States(day, tokens);
            var pace = estimates.Learn ? DoctorPaces.Learn(paces.GetValueOrDefault(day.Key.DoctorId), day.Key.Date) : null;
            return new DayTimeline(states, DayQueue.Arrange(states, [.. Ageing.WithOvertakes(states, tokens).Where(t => t.Status.IsActive())], now, weights, pace));
        });
    }

    /// <summary>The day's slots with their seats, counted from every token of the day.</summary>
    private static List<DayQueueSlot> States(IEnumerable<DaySlot> slots, IEnumerable<DayEntry> tokens)
    {
        var seats = tokens.GroupBy(t => t.SlotId).ToDictionary(g => g.Key, g => SeatCount.Of(g, t => t.Status, t => t.Source));
        return slots.Select(s =>
        {
            var (taken, emergency, walkIn) = seats.GetValueOrDefault(s.Id);
            return new DayQueueSlot(new SlotState(s.Id, s.DoctorId, s.Date, s.Start, s.End, s.MaxCapacity, s.EmergencyExtensions, taken,
                s.LastTokenNumber, s.Status, s.DelayMinutes, emergency, s.LabelPrefix, s.WalkInSeatsHeld, s.HoldReleaseMinutes, walkIn),
                s.MinutesPerConsultation);
        }).ToList();
    }

    /// <param name="LastTokenNumber">The last label of the doctor's day, the same on every slot of it.</param>
    private sealed record DaySlot(
        int Id, int DoctorId, DateOnly Date, TimeOnly Start, TimeOnly End, int MaxCapacity, int EmergencyExtensions, int LastTokenNumber,
        SlotStatus Status, int DelayMinutes, int MinutesPerConsultation, string LabelPrefix, int WalkInSeatsHeld, int HoldReleaseMinutes);

    // Declared before the compiled queries that use them: static fields start in the order they are written.
    private static readonly System.Linq.Expressions.Expression<Func<Slot, DaySlot>> AsDaySlot = s => new DaySlot(
        s.Id, s.DoctorId, s.Date, s.StartTime, s.EndTime, s.MaxCapacity, s.EmergencyExtensions,
        s.Doctor.DayCounters.Where(d => d.Date == s.Date).Select(d => d.LastTokenNumber).FirstOrDefault(), s.Status, s.DelayMinutes,
        s.MinutesPerConsultation, s.Doctor.LabelPrefix, s.WalkInSeatsHeld, s.HoldReleaseMinutes);

    // Every screen and every issue batch reads a doctor's day, so its queries are translated once, not per read.
    private static readonly Func<OpdDbContext, int, DateOnly, IAsyncEnumerable<DaySlot>> SlotsOfDay = EF.CompileAsyncQuery(
        (OpdDbContext db, int doctorId, DateOnly date) => db.Slots.Where(s => s.DoctorId == doctorId && s.Date == date).Select(AsDaySlot));

    private static readonly System.Linq.Expressions.Expression<Func<Token, DayEntry>> AsDayEntry = t => new DayEntry(
        t.Id, t.SlotId, t.Source, t.Status, t.PriorityScore, t.QueuedAt,
        t.Status == TokenStatus.InConsultation ? t.History.Where(e => e.Action == CalledAction || e.Action == RecalledAction).Max(e => (DateTime?)e.At) : null,
        t.CheckedInAt, 0);

    /// <summary>Every token of the day, the finished ones too: they hold seats.</summary>
    private static readonly Func<OpdDbContext, int, DateOnly, IAsyncEnumerable<DayEntry>> TokensOfDay = EF.CompileAsyncQuery(
        (OpdDbContext db, int doctorId, DateOnly date) => db.Tokens.Where(t => t.Slot.DoctorId == doctorId && t.Slot.Date == date).Select(AsDayEntry));

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(ct))
        {
            list.Add(row);
        }

        return list;
    }

    /// <summary>The history action of a patient called in to the doctor.</summary>
    public const string CalledAction = "Called";

    /// <summary>Called again from the console: the consultation starts again from then.</summary>
    public const string RecalledAction = DoctorConsole.Recalled;

    /// <summary>One token as a desk sees it, its place taken from its doctor's day.</summary>
    public static async Task<TokenView?> ViewAsync(
        OpdDbContext db, int tokenId, DateTime now, PriorityWeights weights, EstimateOptions estimates, bool withHistory, CancellationToken ct)
    {
        IQueryable<Token> query = db.Tokens.AsNoTracking().Include(t => t.Patient).Include(t => t.Slot).ThenInclude(s => s.Doctor);
        if (withHistory)
        {
            query = query.Include(t => t.History);
        }

        var token = await query.FirstOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null)
        {
            return null;
        }

        var day = await DayAsync(db, token.Slot.DoctorId, token.Slot.Date, now, weights, estimates, ct);
        return token.ToView(token.Slot, day.PlaceOf(tokenId), withHistory, withHistory ? await PrefixesAsync(db, token.History.Select(e => e.SlotId), ct) : null);
    }

    /// <summary>The label prefix of each slot's doctor: a history names slots of every doctor the token was with.</summary>
    public static async Task<Dictionary<int, string>> PrefixesAsync(OpdDbContext db, IEnumerable<int> slotIds, CancellationToken ct)
    {
        var ids = slotIds.Distinct().ToList();
        return await db.Slots.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Doctor.LabelPrefix }).ToDictionaryAsync(s => s.Id, s => s.LabelPrefix, ct);
    }
}
