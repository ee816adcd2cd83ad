namespace OpdReception.Domain;

/// <summary>Decides whether a token can be issued. Pure: the caller reads the slot, asks, and writes the answer.</summary>
public static class TokenDesk
{
    public static IssueDecision Issue(
        SlotState slot,
        TokenSource source,
        PriorityWeights weights,
        DateTime now,
        HeldToken? alreadyHeld,
        IEnumerable<SlotState> laterSlotsOfDoctor)
    {
        HeldToken? replaces = null;
        if (alreadyHeld is not null)
        {
            if (!EmergencyReplaces(source, alreadyHeld, slot))
            {
                return new Refused(new Refusal(
                    RefusalKind.AlreadyHoldsToken,
                    $"The patient already holds token {slot.Label(alreadyHeld.TokenNumber)} with this doctor today.",
                    ExistingTokenId: alreadyHeld.TokenId));
            }

            // The booking gives its seat back in the same write; in this very slot the emergency may take it.
            replaces = alreadyHeld;
            slot = alreadyHeld.SlotId == slot.Id ? slot with { SeatsTaken = slot.SeatsTaken - 1 } : slot;
        }

        var score = weights.For(source);
        var status = source.InitialStatus();
        if (!slot.Status.TakesTokensIn())
        {
            return Refuse(RefusalKind.SlotNotTakingTokens, $"The slot is {slot.Status.ToString().ToLowerInvariant()} and takes no tokens.");
        }

        if (slot.IsOver(now))
        {
            return Refuse(RefusalKind.SlotOver, "The slot is already over.");
        }

        // The patient is standing at the desk: a token for another day would have them wait at home, not here.
        if (source.IsForToday() && !OpdDay.IsToday(slot, now))
        {
            return new Refused(new Refusal(RefusalKind.NotToday,
                $"{Describe(source)} tokens are for today's slots only: the patient is here now. For {slot.Date:ddd d MMM}, book online or as a follow-up."));
        }

        // Checked before room: a slot whose last free seats are held says why, rather than "full".
        if (WalkInHold.Refuses(slot, source, now))
        {
            return Refuse(RefusalKind.HeldForWalkIns, WalkInHold.Refusal(slot));
        }

        if (slot.HasRoomFor(source))
        {
            return new Issued(slot.LastTokenNumber + 1, score, status, replaces);
        }

        return source == TokenSource.Emergency
            ? new Extended(slot.LastTokenNumber + 1, score, status, slot.EffectiveCapacity + 1, replaces)
            : Refuse(RefusalKind.SlotFull, $"The slot is full ({slot.SeatsTaken} of {slot.EffectiveCapacity}).");

        Refused Refuse(RefusalKind kind, string message)
        {
            var next = NextSlotWithRoom(slot, laterSlotsOfDoctor, now, source);
            var offer = next is null ? " No later slot of this doctor has room." : $" The next slot with room starts at {next.StartsAt:HH:mm} on {next.Date:ddd d MMM}.";
            return new Refused(new Refusal(kind, message + offer, AlternativeSlotId: next?.Id));
        }
    }

    /// <summary>
    /// A patient who holds a booking with the doctor later that day and turns up as an emergency is seen now: the
    /// emergency is issued and the booking cancelled. A token they are already being seen on, an emergency they
    /// already hold, or one in an earlier slot (they are already due) still refuses.
    /// </summary>
    public static bool EmergencyReplaces(TokenSource source, HeldToken held, SlotState slot) =>
        source == TokenSource.Emergency
        && held.Source != TokenSource.Emergency
        && held.Status.IsPending()
        && held.SlotStartsAt is { } heldStarts
        && heldStarts >= slot.StartsAt;

    private static string Describe(TokenSource source) => source switch
    {
        TokenSource.WalkIn => "Walk-in",
        TokenSource.Priority => "Priority",
        TokenSource.Emergency => "Emergency",
        TokenSource.FollowUp => "Follow-up",
        _ => "Online",
    };

    /// <summary>The first slot after the given one that still takes tokens and has a free seat for this patient.</summary>
    public static SlotState? NextSlotWithRoom(SlotState after, IEnumerable<SlotState> candidates, DateTime now, TokenSource source = TokenSource.WalkIn) =>
        candidates
            .Where(s => s.Id != after.Id && s.StartsAt >= after.StartsAt && WalkInHold.Takes(s, source, now))
            .OrderBy(s => s.StartsAt)
            .ThenBy(s => s.Id)
            .FirstOrDefault();
}
