namespace OpdReception.Domain;

/// <summary>What the rules need to know about a slot at one moment.</summary>
/// <param name="LastTokenNumber">
/// The last label number handed out in the slot's doctor's day, in any of its slots: labels run across the day
/// (<see cref="TokenLabels"/>), so the next token of this slot takes the one after.
/// </param>
/// <param name="LabelPrefix">The doctor's label prefix: T gives T001.</param>
/// <param name="WalkInSeatsHeld">Seats kept from online booking for patients who walk in (<see cref="WalkInHold"/>).</param>
/// <param name="HoldReleaseMinutes">How long before the slot starts the held seats open to anyone.</param>
/// <param name="WalkInSeats">Seats taken by walk-ins and priority patients, who fill the held ones.</param>
public sealed record SlotState(
    int Id,
    int DoctorId,
    DateOnly Date,
    TimeOnly Start,
    TimeOnly End,
    int MaxCapacity,
    int EmergencyExtensions,
    int SeatsTaken,
    int LastTokenNumber,
    SlotStatus Status,
    int DelayMinutes,
    int EmergencySeats = 0,
    string LabelPrefix = TokenLabels.DefaultPrefix,
    int WalkInSeatsHeld = 0,
    int HoldReleaseMinutes = 0,
    int WalkInSeats = 0)
{
    public int EffectiveCapacity => MaxCapacity + EmergencyExtensions;

    /// <summary>
    /// Seats added for emergencies stay emergency seats: when an emergency leaves, its extra seat may take
    /// the next emergency but never lifts the slot's capacity for everyone else.
    /// </summary>
    public bool HasRoomFor(TokenSource source) =>
        SeatsTaken < EffectiveCapacity && (source == TokenSource.Emergency || SeatsTaken - EmergencySeats < MaxCapacity);

    /// <summary>Free seats as the desk sees them: for an ordinary patient, so leftover emergency seats do not count.</summary>
    public int OrdinarySeatsFree => Math.Max(0, Math.Min(EffectiveCapacity - SeatsTaken, MaxCapacity - (SeatsTaken - EmergencySeats)));

    public string Label(int number) => TokenLabels.Format(LabelPrefix, number);

    public DateTime StartsAt => Date.ToDateTime(Start);

    public DateTime EndsAt => Date.ToDateTime(End);

    /// <summary>A doctor's delay pushes the whole session, so the slot runs that much longer too.</summary>
    public DateTime RunsUntil => EndsAt.AddMinutes(DelayMinutes);

    public bool IsOver(DateTime now) => now >= RunsUntil;

    public bool TakesTokens(DateTime now) => Status.TakesTokensIn() && !IsOver(now);

    /// <param name="keepsLabel">A token moving within its doctor's day brings its label; it takes no new number.</param>
    public SlotState WithOneMoreToken(TokenSource source, bool extendsCapacity, bool keepsLabel = false) => this with
    {
        SeatsTaken = SeatsTaken + 1,
        EmergencySeats = EmergencySeats + (source == TokenSource.Emergency ? 1 : 0),
        WalkInSeats = WalkInSeats + (WalkInHold.Fills(source) ? 1 : 0),
        LastTokenNumber = LastTokenNumber + (keepsLabel ? 0 : 1),
        EmergencyExtensions = EmergencyExtensions + (extendsCapacity ? 1 : 0),
    };
}
