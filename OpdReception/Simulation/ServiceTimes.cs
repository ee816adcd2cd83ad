namespace OpdReception.Simulation;

/// <summary>How a random day's consultations last and when its booked patients come.</summary>
public enum ServiceModel
{
    /// <summary>Every consultation 6 to 14 minutes, equally likely; booked patients come 25 minutes early to 19 late.</summary>
    Uniform,

    /// <summary>
    /// A realistic day: each doctor has their own pace, and consultations scatter around it with a long tail; booked
    /// patients come early or late on a bell curve.
    /// </summary>
    LogNormal,
}

/// <param name="Cv">The log-normal's coefficient of variation: its standard deviation over its mean.</param>
public sealed record ServiceTimes(ServiceModel Model, double Cv)
{
    public const double DefaultCv = 0.5;

    public static ServiceTimes Uniform { get; } = new(ServiceModel.Uniform, DefaultCv);
}

/// <summary>
/// The draws of a log-normal day. They come from a stream of their own, so the same seed brings the same patients at
/// the same moments under either model, and a comparison of the two sees only how long people stay and when booked
/// patients turn up.
/// </summary>
public sealed class LogNormalDraws
{
    /// <summary>Doctors differ from the slot's nominal minutes by up to this share either way.</summary>
    public const double DoctorSpread = 0.4;

    /// <summary>A consultation longer than this is another kind of visit (an admission, a procedure), not an OPD one.</summary>
    public const int LongestConsultMinutes = 90;

    /// <summary>Booked patients who come on the day mostly come before their slot starts: mean 10 minutes early.</summary>
    public const double ArrivalMeanMinutes = -10;

    public const double ArrivalSdMinutes = 12;

    private readonly Random _random;
    private readonly double[] _doctorMeans;
    private readonly double _sigma;

    public LogNormalDraws(int seed, int doctors, int nominalMinutes, double cv)
    {
        _random = new Random(unchecked((seed * 7919) + 104_729));
        _doctorMeans = Enumerable.Range(0, doctors)
            .Select(_ => nominalMinutes * (1 + (DoctorSpread * ((2 * _random.NextDouble()) - 1))))
            .ToArray();
        _sigma = Math.Sqrt(Math.Log(1 + (cv * cv)));
    }

    /// <summary>Each doctor's own mean consultation, in minutes.</summary>
    public IReadOnlyList<double> DoctorMeans => _doctorMeans;

    /// <summary>Log-normal with the doctor's mean and the day's spread, in whole minutes as the simulated clock runs.</summary>
    public int ConsultMinutes(int doctor)
    {
        var mu = Math.Log(_doctorMeans[doctor]) - (_sigma * _sigma / 2);
        var minutes = Math.Exp(mu + (_sigma * Normal()));
        return Math.Clamp((int)Math.Round(minutes), 1, LongestConsultMinutes);
    }

    /// <summary>Minutes after the slot's start that a booked patient who comes on time-ish walks in (negative: early).</summary>
    public int ArrivalOffsetMinutes() =>
        (int)Math.Round(Math.Clamp(ArrivalMeanMinutes + (ArrivalSdMinutes * Normal()), -60, 29));

    /// <summary>Box–Muller: a standard normal from two uniforms.</summary>
    private double Normal()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
