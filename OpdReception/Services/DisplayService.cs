using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// What the waiting-room display shows: per doctor, the token called now, the next few, the recently called and
/// the missed, and the doctor's delay. Reads no patient at all, so no name or phone can reach the screen.
/// </summary>
public sealed class DisplayService(IDbContextFactory<OpdDbContext> factory, HospitalClock clock, Microsoft.Extensions.Options.IOptionsMonitor<OpdOptions> options)
{
    public const int NextCount = 4;
    public const int RecentCount = 3;
    public const int MissedCount = 4;

    public DateTime Now() => clock.Now;

    /// <summary>
    /// Today's doctors, in room then name order. <paramref name="which"/> narrows it: comma-separated rooms (as the
    /// admin named them) or doctor ids; a room name wins over a doctor id written the same.
    /// </summary>
    public async Task<DisplayBoard> BoardAsync(string? which, CancellationToken ct = default)
    {
        var now = Now();
        await using var db = await factory.CreateDbContextAsync(ct);

        // Each doctor's own OPD day: a session run past midnight stays on the screen until it is done.
        var days = await OpdDays.OfDoctorsAsync(db, null, now, options.CurrentValue, ct);
        var (today, yesterday) = (days.Calendar, days.Yesterday);
        var dates = (await db.Slots.AsNoTracking().Where(s => s.Date == today || s.Date == yesterday)
            .Select(s => new { s.DoctorId, s.Date }).Distinct().ToListAsync(ct))
            .Where(s => days.Holds(s.DoctorId, s.Date))
            .Select(s => s.DoctorId)
            .ToHashSet();
        var doctors = await db.Doctors.AsNoTracking()
            .Where(d => dates.Contains(d.Id))
            .Select(d => new { d.Id, d.Name, d.Room, d.LabelPrefix })
            .ToListAsync(ct);
        var wanted = (which ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (wanted.Length > 0)
        {
            doctors = doctors.Where(d => wanted.Any(w =>
                    string.Equals(w, d.Room?.Trim(), StringComparison.OrdinalIgnoreCase)
                    || (int.TryParse(w, out var id) && id == d.Id && !doctors.Any(o => string.Equals(w, o.Room?.Trim(), StringComparison.OrdinalIgnoreCase)))))
                .ToList();
        }

        var ids = doctors.Select(d => d.Id).ToList();
        var states = (await db.Slots.Where(s => ids.Contains(s.DoctorId) && (s.Date == today || s.Date == yesterday)).Select(Projections.SlotState).ToListAsync(ct))
            .Where(s => days.Holds(s.DoctorId, s.Date))
            .ToList();
        var stateIds = states.Select(s => s.Id).ToList();
        var slotFacts = await db.Slots.Where(s => stateIds.Contains(s.Id))
            .Select(s => new { s.Id, s.StatusReason }).ToDictionaryAsync(s => s.Id, ct);
        var slotIds = states.Select(s => s.Id).ToList();
        var tokens = await db.Tokens.AsNoTracking().Where(t => slotIds.Contains(t.SlotId))
            .Select(t => new { t.Id, t.SlotId, t.TokenNumber, t.Status })
            .ToListAsync(ct);
        var tokenIds = tokens.Select(t => t.Id).ToList();
        string[] calls = [DoctorConsole.Called, DoctorConsole.Recalled, DoctorConsole.NotHere, DoctorConsole.UndoneAction];
        var events = await db.TokenEvents.AsNoTracking().Where(e => tokenIds.Contains(e.TokenId) && calls.Contains(e.Action))
            .OrderBy(e => e.Id).Select(e => new { e.Id, e.TokenId, e.Action }).ToListAsync(ct);

        var rooms = new List<DisplayRoom>();
        // Rooms in the order people count them: 2 before 10; doctors without a room last.
        foreach (var doctor in doctors.OrderBy(d => d.Room is null).ThenBy(d => int.TryParse(d.Room, out var n) ? n : int.MaxValue).ThenBy(d => d.Room).ThenBy(d => d.Name))
        {
            var own = states.Where(s => s.DoctorId == doctor.Id).OrderBy(s => s.StartsAt).ToList();
            var ownTokens = tokens.Where(t => own.Any(s => s.Id == t.SlotId)).ToDictionary(t => t.Id);
            var lastCall = events.Where(e => ownTokens.ContainsKey(e.TokenId) && e.Action is DoctorConsole.Called or DoctorConsole.Recalled)
                .GroupBy(e => e.TokenId).ToDictionary(g => g.Key, g => g.Max(e => e.Id));
            var lastAction = events.Where(e => ownTokens.ContainsKey(e.TokenId)).GroupBy(e => e.TokenId).ToDictionary(g => g.Key, g => g.Last().Action);
            string Label(int number) => TokenLabels.Format(doctor.LabelPrefix, number);
            bool Missed(int id) => ownTokens[id].Status == TokenStatus.Waiting && lastAction.GetValueOrDefault(id) == DoctorConsole.NotHere
                || ownTokens[id].Status == TokenStatus.NoShow && lastCall.ContainsKey(id);

            var nowCalled = ownTokens.Values.Where(t => t.Status == TokenStatus.InConsultation).OrderByDescending(t => lastCall.GetValueOrDefault(t.Id)).FirstOrDefault();
            var order = (await SlotQueues.DayAsync(db, doctor.Id, days.Of(doctor.Id), now, options.CurrentValue.Weights, options.CurrentValue.Estimates, ct)).Places
                .Where(p => p.Status == TokenStatus.Waiting && DayQueue.InDoctorsQueue(p.Status, own.Single(s => s.Id == p.SlotId).Status) && !Missed(p.TokenId))
                .Select(p => Label(ownTokens[p.TokenId].TokenNumber))
                .Take(NextCount)
                .ToList();
            var recent = lastCall.Where(c => c.Key != nowCalled?.Id && !Missed(c.Key) && ownTokens[c.Key].Status is TokenStatus.Completed or TokenStatus.InConsultation)
                .OrderByDescending(c => c.Value).Take(RecentCount).Select(c => Label(ownTokens[c.Key].TokenNumber)).ToList();
            var missed = ownTokens.Keys.Where(Missed).OrderByDescending(id => events.Where(e => e.TokenId == id).Max(e => e.Id))
                .Take(MissedCount).Select(id => Label(ownTokens[id].TokenNumber)).ToList();
            var notice = own.Select(s => DoctorAway.CurrentNotice(s, slotFacts[s.Id].StatusReason, now)).FirstOrDefault(n => n is not null);
            rooms.Add(new DisplayRoom(doctor.Id, doctor.Name, doctor.Room, nowCalled is null ? null : Label(nowCalled.TokenNumber),
                nowCalled is null ? null : lastCall.GetValueOrDefault(nowCalled.Id), order, recent, missed, notice));
        }

        return new DisplayBoard(now, rooms);
    }
}
