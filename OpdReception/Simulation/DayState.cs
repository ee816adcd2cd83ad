using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Simulation;

/// <summary>A slot as the day's runner knows it; the delay changes when the doctor sends word.</summary>
internal sealed record SlotOnDay(int Id, int Doctor, PlannedDoctor Who, DateTime Start, DateTime End, int MinutesPerConsultation, int DelayMinutes)
{
    public DateTime DoctorStarts => Start.AddMinutes(DelayMinutes);

    public DateTime RunsUntil => End.AddMinutes(DelayMinutes);

    public string Label => $"{Who.ShortName} ({Who.Specialization}) {Timeline.Clock(Start)}";
}

/// <summary>
/// What the runner last heard about a token from the services. It only steers the doctors (who is waiting where);
/// the day's statistics are read back from the database.
/// </summary>
internal sealed class TrackedToken(PlannedPatient patient, TokenView view)
{
    public PlannedPatient Patient { get; } = patient;
    public int Id { get; } = view.Id;
    public int SlotId { get; private set; } = view.SlotId;
    public string Number { get; private set; } = view.TokenNumber;
    public TokenStatus Status { get; private set; } = view.Status;

    /// <summary>Every time the patient was told, in order; what the report holds against the moment of the call.</summary>
    public List<EstimateGiven> Told { get; } = [];

    public DateTime? CheckedInAt { get; private set; }

    public DateTime? CalledAt { get; private set; }

    public void Update(TokenView view)
    {
        SlotId = view.SlotId;
        Number = view.TokenNumber;
        Status = view.Status;
        CheckedInAt = view.CheckedInAt ?? CheckedInAt;
    }

    /// <summary>The answer the patient got now, with the time it told them, if any.</summary>
    public void Tell(EstimateMoment moment, DateTime now, TokenView view)
    {
        Update(view);
        if (view.EstimatedTime is { } estimate)
        {
            Told.Add(new EstimateGiven(moment, now, estimate, view.EstimatedFrom, view.EstimatedTo, view.NominalTime));
        }
    }

    public void Called(DateTime now, TokenView view)
    {
        Update(view);
        CalledAt = now;
    }
}

internal sealed class DoctorAtWork(int index, int id, PlannedDoctor who)
{
    public int Index { get; } = index;
    public int Id { get; } = id;
    public PlannedDoctor Who { get; } = who;
    public TrackedToken? With { get; set; }
    public DateTime Since { get; set; }
    public DateTime Until { get; set; }

    /// <summary>From call to completion, for the doctor's idle time and overtime.</summary>
    public List<DoctorTime.Span> Consultations { get; } = [];
}

/// <summary>
/// How often the desk met each of the day's situations, counted from the services' answers as they came; the
/// report holds these against the stored rows, so they must not be read back from the database.
/// </summary>
public sealed record DeskEvents(
    int Refusals,
    int TookOfferedSlot,
    int TurnedAway,
    int Cancellations,
    int Delays,
    int Reallocations,
    int TokensMoved,
    int TokensNotMoved,
    int SweptNoShows,
    int LateArrivals,
    int LateArrivalsRefused,
    int ExtraSeats,
    int ClosedNoShows = 0,
    int ClosedUnseen = 0,
    int ClosedInConsultation = 0);

internal sealed class DeskCounters
{
    public int Refusals, TookOfferedSlot, TurnedAway, Cancellations, Delays, Reallocations, TokensMoved, TokensNotMoved, SweptNoShows, LateArrivals, LateArrivalsRefused, ExtraSeats,
        ClosedNoShows, ClosedUnseen, ClosedInConsultation;

    public DeskEvents Snapshot() => new(Refusals, TookOfferedSlot, TurnedAway, Cancellations, Delays, Reallocations,
        TokensMoved, TokensNotMoved, SweptNoShows, LateArrivals, LateArrivalsRefused, ExtraSeats,
        ClosedNoShows, ClosedUnseen, ClosedInConsultation);
}
