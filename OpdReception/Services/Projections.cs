using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using OpdReception.Domain;
using OpdReception.Data;

namespace OpdReception.Services;

/// <summary>Queries shaped for the rules and the screens, so seat counting lives in one place.</summary>
public static class Projections
{
    /// <summary><see cref="StatusRules.HoldsSeat"/> in a form SQL can run, built from the same statuses.</summary>
    public static readonly Expression<Func<Token, bool>> HoldsSeat = StatusIn(StatusRules.SeatHolding);

    public static readonly Expression<Func<Token, bool>> IsActive = StatusIn([.. Enum.GetValues<TokenStatus>().Where(StatusRules.IsActive)]);

    /// <summary>
    /// The slot with its seats, and the last label of its doctor's day (labels run across the day's slots, from one
    /// counter per doctor and date: a primary-key lookup).
    /// </summary>
    public static readonly Expression<Func<Slot, SlotState>> SlotState = s => new SlotState(
        s.Id, s.DoctorId, s.Date, s.StartTime, s.EndTime, s.MaxCapacity, s.EmergencyExtensions,
        s.Tokens.AsQueryable().Count(HoldsSeat), s.Doctor.DayCounters.Where(d => d.Date == s.Date).Select(d => d.LastTokenNumber).FirstOrDefault(),
        s.Status, s.DelayMinutes, s.Tokens.AsQueryable().Where(HoldsSeat).Count(t => t.Source == TokenSource.Emergency), s.Doctor.LabelPrefix,
        s.WalkInSeatsHeld, s.HoldReleaseMinutes, s.Tokens.AsQueryable().Where(HoldsSeat).Count(t => t.Source == TokenSource.WalkIn || t.Source == TokenSource.Priority));

    /// <summary>
    /// Slots as the screens show them, in the query's order. One query, so the seats and the slot are read at
    /// the same moment; SQL counts the seats, C# does the arithmetic.
    /// </summary>
    public static async Task<List<SlotView>> ToViewsAsync(this IQueryable<Slot> slots, CancellationToken ct) =>
        (await slots.AsNoTracking()
            .Select(s => new
            {
                Slot = s, s.Doctor.Name, s.Doctor.Specialization, s.Doctor.LabelPrefix,
                Taken = s.Tokens.AsQueryable().Count(HoldsSeat),
                Emergency = s.Tokens.AsQueryable().Where(HoldsSeat).Count(t => t.Source == TokenSource.Emergency),
                WalkIn = s.Tokens.AsQueryable().Where(HoldsSeat).Count(t => t.Source == TokenSource.WalkIn || t.Source == TokenSource.Priority),
            })
            .ToListAsync(ct))
        .Select(x => View(x.Slot, x.Name, x.Specialization, x.Slot.ToState(new SeatCount(x.Taken, x.Emergency, x.WalkIn), x.LabelPrefix)))
        .ToList();

    /// <summary>"Status is one of these", as SQL's IN, from a list the domain defines.</summary>
    private static Expression<Func<Token, bool>> StatusIn(IReadOnlyList<TokenStatus> statuses)
    {
        var token = Expression.Parameter(typeof(Token), "t");
        var status = Expression.Property(token, nameof(Token.Status));
        var body = statuses.Select(s => (Expression)Expression.Equal(status, Expression.Constant(s))).Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<Token, bool>>(body, token);
    }

    public static SlotState ToState(this Slot s) => s.ToState(SeatCount.Of(s.Tokens, t => t.Status, t => t.Source));

    /// <summary>
    /// The slot with its seats counted elsewhere, by <see cref="SeatCount"/> or by <see cref="HoldsSeat"/> in SQL, for
    /// rules that hand out no labels: the day's label counter is not read here (0), and the prefix is the one given or
    /// the doctor's when the doctor was loaded. A plan that hands out labels reads its slots through <see cref="SlotState"/>.
    /// </summary>
    public static SlotState ToState(this Slot s, SeatCount seats, string? labelPrefix = null) => new(
        s.Id, s.DoctorId, s.Date, s.StartTime, s.EndTime, s.MaxCapacity, s.EmergencyExtensions,
        seats.Taken, 0, s.Status, s.DelayMinutes, seats.Emergency,
        labelPrefix ?? (s.Doctor is null ? TokenLabels.DefaultPrefix : s.Doctor.LabelPrefix),
        s.WalkInSeatsHeld, s.HoldReleaseMinutes, seats.WalkIn);

    public static SlotView ToView(this Slot s) => View(s, s.Doctor.Name, s.Doctor.Specialization, s.ToState());

    /// <summary>The slot with seats already counted (a doctor's day counts them from the rows it reads anyway).</summary>
    public static SlotView ToView(this Slot s, SlotState state) => View(s, s.Doctor.Name, s.Doctor.Specialization, state);

    private static SlotView View(Slot s, string doctor, string specialization, SlotState state) => new(
        s.Id, s.DoctorId, doctor, specialization, s.Date, s.StartTime, s.EndTime,
        s.MaxCapacity, state.EffectiveCapacity, s.EmergencyExtensions, state.SeatsTaken,
        state.OrdinarySeatsFree,
        s.MinutesPerConsultation, s.DelayMinutes, s.Status, s.StatusReason, s.ExtraSession,
        SlotRules.Warnings(s.StartTime, s.EndTime, s.MaxCapacity, s.MinutesPerConsultation),
        s.WalkInSeatsHeld, s.HoldReleaseMinutes, state.WalkInSeats);

    public static DoctorView ToView(this Doctor d) => new(d.Id, d.Name, d.Specialization, d.OpdDays, d.Room, d.DeactivatedAt is null, d.LabelPrefix);

    /// <param name="prefixOfSlot">The label prefix of each slot the history names (a moved token's earlier doctor may have another); the token's own doctor's otherwise.</param>
    public static TokenView ToView(this Token t, Slot slot, DayPlace? place, bool withHistory = false, IReadOnlyDictionary<int, string>? prefixOfSlot = null) => new(
        t.Id, TokenLabels.Format(slot.Doctor.LabelPrefix, t.TokenNumber), slot.Id, slot.DoctorId, slot.Doctor.Name, t.PatientId, t.Patient.Name,
        t.Patient.Phone, t.Source, t.Status, t.PriorityScore, place?.Position, place?.EstimatedTime, place?.PastSlotEnd ?? false,
        t.IssuedAt, t.CheckedInAt, t.CancellationReason, slot.Date, slot.StartTime, slot.Status, place?.Reason,
        withHistory
            ? t.History.OrderBy(e => e.Id).Select(e => new TokenEventView(e.At, e.Action, e.FromStatus, e.ToStatus, e.SlotId,
                TokenLabels.Format(prefixOfSlot?.GetValueOrDefault(e.SlotId) ?? slot.Doctor.LabelPrefix, e.TokenNumber), e.By, e.Reason, e.ByUserId)).ToList()
            : null,
        EstimatedFrom: place?.EstimatedFrom,
        EstimatedTo: place?.EstimatedTo,
        NominalTime: place?.NominalTime);
}
