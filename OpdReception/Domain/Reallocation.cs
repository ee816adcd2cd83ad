namespace OpdReception.Domain;

public sealed record PendingToken(int TokenId, int TokenNumber, string PatientId, TokenSource Source);

public sealed record Move(int TokenId, int FromTokenNumber, int ToSlotId, int ToDoctorId, int NewTokenNumber, bool ExtendedCapacity);

public sealed record Unplaced(int TokenId, int TokenNumber, string Reason);

public sealed record ReallocationPlan(IReadOnlyList<Move> Moves, IReadOnlyList<Unplaced> NotPlaced);

/// <summary>Moves the pending tokens of one slot into others, in queue order, without overfilling any.</summary>
public static class Reallocator
{
    /// <param name="from">The slot the tokens leave: within its doctor's day they keep their labels.</param>
    /// <param name="inQueueOrder">The tokens to move, first in the queue first.</param>
    /// <param name="targetsInPreference">Candidate slots, most preferred first.</param>
    /// <param name="busy">Patients who already hold an active token with a doctor that day.</param>
    public static ReallocationPlan Plan(
        SlotState from,
        IReadOnlyList<PendingToken> inQueueOrder,
        IReadOnlyList<SlotState> targetsInPreference,
        DateTime now,
        IReadOnlySet<(string PatientId, int DoctorId)> busy)
    {
        var targets = targetsInPreference.Where(t => t.TakesTokens(now)).ToList();
        var taken = new HashSet<(string, int)>(busy);
        var moves = new List<Move>();
        var notPlaced = new List<Unplaced>();

        foreach (var token in inQueueOrder)
        {
            var open = targets.Where(t => !taken.Contains((token.PatientId, t.DoctorId))).ToList();
            var target = open.FirstOrDefault(t => t.HasRoomFor(token.Source));
            var extend = false;
            if (target is null && token.Source == TokenSource.Emergency && open.Count > 0)
            {
                target = open[0];
                extend = true;
            }

            if (target is null)
            {
                notPlaced.Add(new Unplaced(token.TokenId, token.TokenNumber, open.Count == 0 && targets.Count > 0
                    ? "The patient already holds a token with every doctor that has a suitable slot."
                    : "No suitable slot has a free seat."));
                continue;
            }

            var number = TokenLabels.NumberOnArrival(from, token.TokenNumber, target);
            var grown = target.WithOneMoreToken(token.Source, extend, keepsLabel: TokenLabels.SameDay(from, target));
            TokenLabels.Advance(targets, grown);
            taken.Add((token.PatientId, target.DoctorId));
            moves.Add(new Move(token.TokenId, token.TokenNumber, target.Id, target.DoctorId, number, extend));
        }

        return new ReallocationPlan(moves, notPlaced);
    }
}
