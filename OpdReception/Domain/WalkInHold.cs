namespace OpdReception.Domain;

/// <summary>
/// Seats of a slot kept for patients who come to the desk on the day. Online booking cannot take them until
/// <see cref="SlotState.HoldReleaseMinutes"/> before the slot starts; from then on they are open to anyone, so a
/// seat nobody walked in for is not left empty. Each generated slot is the session a patient books, so the hold is
/// counted per slot and released before each slot's own start.
/// </summary>
public static class WalkInHold
{
    /// <summary>A hold released more than half a day before its slot is a typo, not a plan.</summary>
    public const int MaxReleaseMinutes = 720;

    /// <summary>Walk-ins and priority patients are at the desk on the day: each one fills a held seat.</summary>
    public static readonly IReadOnlyList<TokenSource> Filling = [TokenSource.WalkIn, TokenSource.Priority];

    public static bool Fills(TokenSource source) => Filling.Contains(source);

    /// <summary>
    /// Only online booking is kept out: a follow-up is the doctor's own call, and emergencies have seats of their own.
    /// </summary>
    public static bool KeptOut(TokenSource source) => source == TokenSource.Online;

    public static DateTime ReleasesAt(SlotState slot) => slot.StartsAt.AddMinutes(-slot.HoldReleaseMinutes);

    /// <summary>Held seats no walk-in has filled yet, while the hold is on; none once it is released.</summary>
    public static int Unfilled(SlotState slot, DateTime now) =>
        slot.WalkInSeatsHeld > 0 && now < ReleasesAt(slot) ? Math.Max(0, slot.WalkInSeatsHeld - slot.WalkInSeats) : 0;

    /// <summary>Whether this patient would take a seat kept for walk-ins: the free seats are no more than the unfilled held ones.</summary>
    public static bool Refuses(SlotState slot, TokenSource source, DateTime now) =>
        KeptOut(source) && slot.OrdinarySeatsFree > 0 && slot.OrdinarySeatsFree <= Unfilled(slot, now);

    /// <summary>
    /// The free seats this patient may take: for an online booking, the free ones less the held seats no walk-in has
    /// filled yet, so the desk never offers a seat that Enter would refuse.
    /// </summary>
    /// <param name="freeSeats">The free seats when counted elsewhere (a view's); the slot's own otherwise.</param>
    public static int SeatsFor(SlotState slot, TokenSource source, DateTime now, int? freeSeats = null)
    {
        var free = Math.Max(0, freeSeats ?? slot.OrdinarySeatsFree);
        return KeptOut(source) ? Math.Max(0, free - Unfilled(slot, now)) : free;
    }

    /// <summary>Whether this patient could be issued into the slot now: it takes tokens, has a seat, and the seat is not held.</summary>
    public static bool Takes(SlotState slot, TokenSource source, DateTime now) =>
        slot.TakesTokens(now) && slot.HasRoomFor(source) && !Refuses(slot, source, now);

    /// <summary>
    /// The seats an online booking may take while the hold is on: "0 of 6 for online booking (4 kept for walk-ins
    /// until 13:30)"; null when nothing is held from it, and the seats are worded as for anyone.
    /// </summary>
    public static string? ForOnline(SlotState slot, DateTime now, int capacity, int? freeSeats = null)
    {
        var free = Math.Max(0, freeSeats ?? slot.OrdinarySeatsFree);
        var held = Math.Min(Unfilled(slot, now), free);
        return held == 0 ? null : $"{free - held} of {capacity} for online booking ({held} kept for walk-ins until {Until(slot)})";
    }

    /// <summary>"The last 4 seats of the 09:00 session are kept for walk-ins until 08:30."</summary>
    public static string Refusal(SlotState slot)
    {
        var free = slot.OrdinarySeatsFree;
        var seats = free == 1 ? "The last seat" : $"The last {free} seats";
        return $"{seats} of the {slot.Start:HH\\:mm} session {(free == 1 ? "is" : "are")} kept for walk-ins until {Until(slot)}.";
    }

    /// <summary>What the desk sees beside the slot while the hold is on: "4 walk-in seats held until 09:30".</summary>
    /// <param name="freeSeats">The free seats when counted elsewhere (a view's); the slot's own otherwise.</param>
    public static string? Note(SlotState slot, DateTime now, int? freeSeats = null)
    {
        var held = Math.Min(Unfilled(slot, now), freeSeats ?? slot.OrdinarySeatsFree);
        return held == 0 ? null : $"{held} walk-in seat{(held == 1 ? "" : "s")} held until {Until(slot)}";
    }

    /// <summary>The admin's preview of a template session: "each Monday 10:00 session: 20 seats, 4 kept for walk-ins until 09:30".</summary>
    public static string Preview(SessionPlan s)
    {
        if (s.End <= s.Start || s.SlotMinutes < 1)
        {
            return "";
        }

        var slots = Schedule.Cut(s).ToList();
        var first = slots[0].Start;
        var held = s.WalkInSeatsHeld <= 0
            ? "none kept for walk-ins"
            : $"{s.WalkInSeatsHeld} kept for walk-ins until {first.AddMinutes(-s.HoldReleaseMinutes):HH\\:mm}";
        return slots.Count == 1
            ? $"Each {s.Day} {first:HH\\:mm} session: {s.CapacityPerSlot} seats, {held}."
            : $"Each {s.Day} {first:HH\\:mm} session, {slots.Count} slots: each {s.CapacityPerSlot} seats, {held}"
              + (s.WalkInSeatsHeld <= 0 ? "." : $" (in each later slot, until {s.HoldReleaseMinutes} min before it starts).");
    }

    /// <summary>Why a hold cannot be kept; null when it can.</summary>
    public static string? Check(int held, int releaseMinutes, int capacity) =>
        held < 0 || held > capacity ? $"Walk-in seats held must be 0 to {capacity}, the patients per slot."
        : releaseMinutes is < 0 or > MaxReleaseMinutes ? $"The hold is released 0 to {MaxReleaseMinutes} minutes before the slot starts."
        : null;

    // Released the day before for an early slot: the day is said too.
    private static string Until(SlotState slot)
    {
        var at = ReleasesAt(slot);
        return DateOnly.FromDateTime(at) == slot.Date ? $"{at:HH\\:mm}" : $"{at:ddd HH\\:mm}";
    }
}
