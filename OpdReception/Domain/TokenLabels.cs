namespace OpdReception.Domain;

/// <summary>
/// How a token is named on the slip, the board and the TV. A label is unique within its doctor's day: the numbers
/// run in issue order across all of that doctor's slots of the day, so a room's screen never shows two T001s and a
/// patient moved between the doctor's slots keeps the number printed on their slip.
/// </summary>
public static class TokenLabels
{
    /// <summary>What a doctor's labels start with unless the admin chose otherwise.</summary>
    public const string DefaultPrefix = "T";

    public const int MaxPrefixLength = 2;

    public static string Format(string prefix, int number) => $"{prefix}{number:000}";

    /// <summary>
    /// One or two capital letters A–Z: a caller reads it out and a TV shows it from across the room, so no digits
    /// (A1014 would read as a number), no lower case, nothing a screen or a slip printer may not have.
    /// </summary>
    public static string? WhyNotPrefix(string? prefix) =>
        prefix is { Length: >= 1 and <= MaxPrefixLength } && prefix.All(c => c is >= 'A' and <= 'Z')
            ? null
            : "A label prefix is one or two letters A to Z, such as T or A.";

    /// <summary>The same doctor on the same date: one run of labels.</summary>
    public static bool SameDay(SlotState a, SlotState b) => a.DoctorId == b.DoctorId && a.Date == b.Date;

    /// <summary>
    /// The number a pending token holds after it moves from <paramref name="from"/> into <paramref name="to"/>: its own
    /// within the same doctor's day, so the slip stays right; the next of the other day otherwise.
    /// </summary>
    public static int NumberOnArrival(SlotState from, int number, SlotState to) => SameDay(from, to) ? number : to.LastTokenNumber + 1;

    /// <summary>
    /// The slots of a plan after one of them took a token: every slot of the same doctor's day now knows the label
    /// used, so the next token planned into any of them takes the one after.
    /// </summary>
    public static void Advance(IList<SlotState> slots, SlotState grown)
    {
        for (var i = 0; i < slots.Count; i++)
        {
            slots[i] = slots[i].Id == grown.Id ? grown
                : SameDay(slots[i], grown) ? slots[i] with { LastTokenNumber = grown.LastTokenNumber }
                : slots[i];
        }
    }
}
