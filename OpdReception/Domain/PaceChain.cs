namespace OpdReception.Domain;

/// <summary>
/// How wide a range is drawn around an estimate. The range of the wait for k consultations ahead comes from the
/// spread of their sum (its log-variance ln(1 + (e^σ² − 1)/k) plus the doubt about the doctor's mean, which k does
/// not average away), cut at <see cref="EarlyZ"/> and <see cref="LateZ"/> standard deviations: a patient is
/// told a range they are rarely called after. The queue itself adds lateness no pace knows of (emergencies, priority
/// patients and bookings arriving later and going ahead): <see cref="LatePerHour"/> minutes per hour of the doctor's
/// work ahead, counted from when that work begins (now, or the day's start when it has not begun).
/// </summary>
/// <param name="BookedComes">The share of a booked consultation ahead expected while its slot has not begun: some never come.</param>
/// <param name="LateBookedComes">The same once the slot has begun and the patient is still not here: most of them never come.</param>
/// <param name="AheadPerHour">
/// What that lateness adds on average, in minutes per hour of wait, to the time told once the pace is learned: the
/// chain alone knows only who is ahead now, so a patient told a long wait was, on average, called later than it said.
/// </param>
public sealed record RangeShape(double EarlyZ, double LateZ, double LatePerHour, double BookedComes, double LateBookedComes, double AheadPerHour = 0)
{
    public static RangeShape Default { get; } = new(2.5, 1.8, 6, 0.9, 0.3, 3);
}

/// <summary>
/// The learned timeline of a doctor's day, walked in the queue's order beside the nominal one. Each patient is
/// expected when the doctor has finished the consultations ahead at the learned pace. The range's ends come from
/// the same walk at a faster and a slower pace: the wait since the doctor last had to wait for a slot to begin (an
/// anchor) is scaled by the quantiles of a sum of that many consultations; at the late end every earlier anchor is
/// tried too, since a slower doctor may run on past a slot's start at which the expected one would have waited.
/// </summary>
internal sealed class PaceChain(ConsultationPace pace, RangeShape shape, DateTime now)
{
    private readonly List<(DateTime At, double Work, double Count)> _anchors = [(now, 0, 0)];
    private readonly DateTime _now = now;
    private DateTime _freeAt = now;

    // The queue's own lateness grows while the doctor works through it, so it is counted from when the work begins:
    // now, or a later start with nobody ahead (a day not begun yet, the doctor's return), not from now.
    private DateTime _workFrom = now;
    private double _work;
    private double _count;

    /// <summary>
    /// The patient with the doctor: the rest of their consultation. A learned pace expects at least a quarter of one
    /// more from a consultation running long (times are skewed: one running long often runs longer); the nominal
    /// pace keeps the nominal chain's rule, so that its estimates are exactly the nominal ones.
    /// </summary>
    public void InConsultation(DateTime? calledAt, int nominalMinutes)
    {
        var mean = pace.MeanMinutes(nominalMinutes);
        var endsAt = (calledAt ?? _now).AddMinutes(mean);
        if (pace is not NominalPace)
        {
            endsAt = Later(endsAt, _now.AddMinutes(mean / 4));
        }

        if (endsAt > _freeAt)
        {
            var rest = (endsAt - _freeAt).TotalMinutes;
            _freeAt = endsAt;
            _work += rest;
            _count += rest / mean;
        }
    }

    /// <summary>Nobody is seen before <paramref name="notBefore"/> (a slot's start, the doctor's return).</summary>
    public void NotBefore(DateTime notBefore)
    {
        if (notBefore > _freeAt)
        {
            if (_work <= 0)
            {
                _workFrom = notBefore;
            }

            _freeAt = notBefore;
            _anchors.Add((notBefore, _work, _count));
        }
    }

    /// <summary>
    /// The next patient's estimate and range, never before <paramref name="notBefore"/>; their consultation then
    /// follows, in part only for a patient <paramref name="booked"/> and not yet here, who may never come (and is
    /// passed over if they do not), once the pace is learned.
    /// </summary>
    public (DateTime Estimate, DateTime From, DateTime To) Next(DateTime notBefore, int nominalMinutes, bool booked = false, bool slotBegun = false)
    {
        NotBefore(notBefore);
        var last = _anchors[^1];
        var from = Later(last.At.AddMinutes(Scaled(_work - last.Work, _count - last.Count, -shape.EarlyZ)), notBefore);
        var to = _anchors.Max(a => a.At.AddMinutes(Scaled(_work - a.Work, _count - a.Count, shape.LateZ)));
        // A squared miss is least around the mean wait, and the mean includes those still to be placed ahead: the more
        // consultations ahead, the more chances for someone to be put before them.
        var allowance = pace is NominalPace ? 0 : _work * shape.AheadPerHour / 60;
        var estimate = _freeAt.AddMinutes(allowance);
        to = Later(to.AddMinutes(allowance + ((estimate - _workFrom).TotalMinutes * shape.LatePerHour / 60)), estimate);
        // Until the doctor's pace is learned the estimate is exactly the nominal chain, bookings counted in full.
        var share = !booked || pace is NominalPace ? 1 : slotBegun ? shape.LateBookedComes : shape.BookedComes;
        Consult(pace.MeanMinutes(nominalMinutes) * share, share);
        return (estimate, Earlier(from, estimate), to);
    }

    private void Consult(double minutes, double count)
    {
        _freeAt = _freeAt.AddMinutes(minutes);
        _work += minutes;
        _count += count;
    }

    /// <summary>The <paramref name="z"/> quantile of a sum of <paramref name="count"/> consultations expected to take <paramref name="work"/> minutes.</summary>
    private double Scaled(double work, double count, double z)
    {
        if (work <= 0)
        {
            return 0;
        }

        var k = Math.Max(count, 0.25);
        var variance = Math.Log(1 + (Math.Exp(pace.Spread * pace.Spread) - 1) / k) + pace.Uncertainty * pace.Uncertainty;
        var sd = Math.Sqrt(variance);
        return work * Math.Exp(-variance / 2 + z * sd);
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Earlier(DateTime a, DateTime b) => a < b ? a : b;
}
