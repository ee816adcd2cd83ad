using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Tests.Invariants;

/// <summary>One property broken after a step, in words.</summary>
public sealed record Broken(string Property, string Detail);

/// <summary>
/// What must hold after every step of any sequence, checked on the stored rows. The rules are written out here again
/// rather than taken from <see cref="StatusRules"/>, <see cref="SlotState"/> or <see cref="EndOfDay"/>, so a mistake in
/// those cannot hide itself.
/// </summary>
public static class DayInvariants
{
    public const string Capacity = "no slot over capacity";
    public const string Labels = "no label twice in a doctor's day";
    public const string CutOff = "no checked-in patient cancelled by the system before the cut-off";
    public const string History = "history agrees with the token";
    public const string ClosedDay = "nobody left active in a closed day";

    /// <summary>A seat is held from issue until the patient is absent or cancelled: seen patients keep theirs.</summary>
    private static bool Seated(TokenStatus status) =>
        status is TokenStatus.Booked or TokenStatus.Waiting or TokenStatus.InConsultation or TokenStatus.Completed;

    private static bool CheckedIn(TokenStatus? status) => status is TokenStatus.Waiting or TokenStatus.InConsultation;

    /// <param name="checkedEvents">History lines up to this id were checked after earlier steps.</param>
    public static async Task<(IReadOnlyList<Broken> Broken, long LastEvent)> CheckAsync(
        OpdDbContext db, long checkedEvents, TimeOnly cutOff, int graceMinutes, CancellationToken ct = default)
    {
        var slots = await db.Slots.AsNoTracking()
            .Select(s => new { s.Id, s.DoctorId, s.Date, s.EndTime, s.DelayMinutes, s.MaxCapacity, s.EmergencyExtensions, s.Status, s.DayClosedAt })
            .ToDictionaryAsync(s => s.Id, ct);
        var tokens = await db.Tokens.AsNoTracking()
            .Select(t => new { t.Id, t.SlotId, t.Status, t.Source, t.TokenNumber })
            .ToDictionaryAsync(t => t.Id, ct);
        var events = await db.TokenEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct);
        var broken = new List<Broken>();

        foreach (var slot in slots.Values)
        {
            var seated = tokens.Values.Where(t => t.SlotId == slot.Id && Seated(t.Status)).ToList();
            var ordinary = seated.Count(t => t.Source != TokenSource.Emergency);
            if (seated.Count > slot.MaxCapacity + slot.EmergencyExtensions || ordinary > slot.MaxCapacity)
            {
                broken.Add(new(Capacity,
                    $"slot {slot.Id}: {seated.Count} seats held ({ordinary} not emergencies), capacity {slot.MaxCapacity} + {slot.EmergencyExtensions} added: " +
                    string.Join(", ", seated.Select(t => $"{t.Id} {t.Source} {t.Status}"))));
            }
        }

        foreach (var day in tokens.Values.Where(t => Seated(t.Status)).GroupBy(t => (slots[t.SlotId].DoctorId, slots[t.SlotId].Date)))
        {
            foreach (var label in day.GroupBy(t => t.TokenNumber).Where(g => g.Count() > 1))
            {
                // Said apart, so a failure shows whether it is the old numbering per slot or a label truly given twice.
                var sameSlot = label.GroupBy(t => t.SlotId).Any(g => g.Count() > 1);
                broken.Add(new(Labels,
                    $"doctor {day.Key.DoctorId} on {day.Key.Date:yyyy-MM-dd}: T{label.Key:000} held by tokens {string.Join(", ", label.Select(t => $"{t.Id} ({t.Status}, slot {t.SlotId})"))}" +
                    (sameSlot ? "; twice within one slot" : "; in different slots of the day only")));
            }
        }

        foreach (var e in events.Where(e => e.Id > checkedEvents && e.By == "system" && e.ToStatus == TokenStatus.Cancelled && CheckedIn(e.FromStatus)))
        {
            var slot = slots[e.SlotId];
            var day = slots.Values.Where(s => s.DoctorId == slot.DoctorId && s.Date == slot.Date).ToList();
            var run = day.Where(s => s.Status != SlotStatus.Cancelled).ToList();
            var closesAt = (run.Count > 0 ? run : day).Max(s => s.Date.ToDateTime(s.EndTime).AddMinutes(s.DelayMinutes)).AddMinutes(graceMinutes);
            var dayCutOff = closesAt.Date.Add(cutOff.ToTimeSpan());
            dayCutOff = dayCutOff > closesAt ? dayCutOff : dayCutOff.AddDays(1);
            if (e.At < dayCutOff)
            {
                broken.Add(new(CutOff,
                    $"token {e.TokenId} ({e.FromStatus} in slot {e.SlotId}) cancelled by the system at {e.At:HH:mm} \"{e.Reason}\", the day's cut-off is {dayCutOff:MM-dd HH:mm}"));
            }
        }

        foreach (var history in events.GroupBy(e => e.TokenId))
        {
            var token = tokens[history.Key];
            var lines = history.ToList();
            var wrong = lines.Skip(1).Select((e, i) => (Before: lines[i], After: e)).FirstOrDefault(p => p.After.FromStatus != p.Before.ToStatus);
            if (lines[0].FromStatus is not null || wrong.After is not null || lines[^1].ToStatus != token.Status || lines[^1].SlotId != token.SlotId)
            {
                broken.Add(new(History,
                    $"token {token.Id} ({token.Status} in slot {token.SlotId}): " +
                    string.Join(" → ", lines.Select(e => $"{e.Action} {e.FromStatus}>{e.ToStatus} @{e.SlotId}"))));
            }
        }

        foreach (var closed in slots.Values.Where(s => s.DayClosedAt is not null).GroupBy(s => (s.DoctorId, s.Date)))
        {
            var ids = slots.Values.Where(s => s.DoctorId == closed.Key.DoctorId && s.Date == closed.Key.Date).Select(s => s.Id).ToHashSet();
            var active = tokens.Values.Where(t => ids.Contains(t.SlotId) && t.Status is TokenStatus.Booked or TokenStatus.Waiting or TokenStatus.InConsultation).ToList();
            if (active.Count > 0)
            {
                broken.Add(new(ClosedDay,
                    $"doctor {closed.Key.DoctorId}'s day {closed.Key.Date:yyyy-MM-dd} closed, yet {string.Join(", ", active.Select(t => $"{t.Id} {t.Status}"))} active in it"));
            }
        }

        return (broken, events.Count == 0 ? checkedEvents : events[^1].Id);
    }
}
