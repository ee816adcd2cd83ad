using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>Where a planned move's target stands: its doctor, day and start, and the doctor's label prefix.</summary>
internal sealed record TargetFacts(string DoctorName, DateOnly Date, TimeOnly Start, string LabelPrefix);

/// <summary>What the desk's move, a reallocation and a leave share once a move is planned: its answer, and its one write.</summary>
internal static class PlannedMoves
{
    /// <summary>A reallocation's or a move's answer in the board's words.</summary>
    public static ReallocationPreview ToPreview(SlotView from, ReallocationResult plan) => new(
        from,
        plan.Moved.Select(m => new PlannedMove(m.TokenId, m.FromTokenNumber, m.PatientName, m.OldEstimate, m.ToSlotId, m.ToDoctorName,
            m.ToStartTime, m.NewTokenNumber, m.NewEstimate, m.ExtendedCapacity, m.ToDate)).ToList(),
        plan.NotPlaced.Select(u => new PlannedUnplaced(u.TokenId, u.TokenNumber, u.PatientName, u.Reason)).ToList());

    public static ReallocationResult Answer(Slot source, IReadOnlyList<ReallocationOutcome> outcomes, IReadOnlyDictionary<int, TargetFacts> targets, bool preview)
    {
        string Name(int tokenId) => source.Tokens.Single(t => t.Id == tokenId).Patient.Name;
        string Was(int number) => TokenLabels.Format(source.Doctor.LabelPrefix, number);
        return new ReallocationResult(
            source.Id,
            outcomes.OfType<Reallocated>().Select(m => new MovedToken(
                m.TokenId, Was(m.FromTokenNumber), m.ToSlotId, TokenLabels.Format(targets[m.ToSlotId].LabelPrefix, m.NewTokenNumber), m.ExtendedCapacity,
                Name(m.TokenId), source.Id, m.OldEstimate, m.ToDoctorId, targets[m.ToSlotId].DoctorName, targets[m.ToSlotId].Date,
                targets[m.ToSlotId].Start, m.NewEstimate, m.NewStatus, m.ToDoctorId == source.DoctorId && targets[m.ToSlotId].Date == source.Date)).ToList(),
            outcomes.OfType<Stayed>().Select(s => new UnplacedToken(s.TokenId, Was(s.FromTokenNumber), s.Reason, Name(s.TokenId), s.OldEstimate)).ToList(),
            preview);
    }

    /// <summary>
    /// The one place a planned move is written, for the desk's move, a reallocation and a leave alike: the token's new
    /// slot, label and status, the seat it takes, the label taken from the target's doctor-day, and the history line
    /// the desk reads (naming the old label when it changed, so the slip is reprinted). Returns the message the patient
    /// gets, for the caller to write once the move is saved.
    /// </summary>
    public static async Task<TokenMessage> WriteMoveAsync(
        OpdDbContext db, Token token, Slot source, Slot target, Reallocated move, DateTime now, Actor by, string action, CancellationToken ct)
    {
        var from = token.Status;
        var wasLabel = TokenLabels.Format(source.Doctor.LabelPrefix, move.FromTokenNumber);
        var newLabel = TokenLabels.Format(target.Doctor.LabelPrefix, move.NewTokenNumber);
        await DayLabels.TakeAsync(db, target.DoctorId, target.Date, move.NewTokenNumber, ct);
        target.EmergencyExtensions += move.ExtendedCapacity ? 1 : 0;
        token.SlotId = target.Id;
        token.TokenNumber = move.NewTokenNumber;
        token.InSlotSince = now;
        token.Status = move.NewStatus;
        token.CheckedInAt = move.NewStatus == TokenStatus.Booked ? null : token.CheckedInAt;
        token.History.Add(TokenWrites.Event(token, now, action, from, by,
            $"Moved from {source.Doctor.Name}, {source.Date:ddd d MMM} {source.StartTime:HH\\:mm} slot ({wasLabel}) " +
            $"to {target.Doctor.Name}, {target.Date:ddd d MMM} {target.StartTime:HH\\:mm} slot ({newLabel}), due {move.NewEstimate:HH\\:mm}" +
            (move.ExtendedCapacity ? "; emergency seat added" : "") +
            // Another doctor or date means another slip, even when the new label reads the same (T001 today, T001 tomorrow).
            (target.DoctorId == source.DoctorId && target.Date == source.Date ? "; keeps its label" : $"; new label {newLabel}, was {wasLabel}: reprint the slip") +
            (from != move.NewStatus ? "; booked again for that day, to check in on arrival" : "")));
        return new TokenMessage(token.Id, new TokenWasMoved(move.NewEstimate));
    }
}
