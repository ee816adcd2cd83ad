using System.Globalization;

namespace OpdReception.Simulation;

/// <summary>What to simulate: the scripted reference day, or with a seed a random but reproducible one.</summary>
/// <param name="JsonPath">Where to write the whole report as JSON, if anywhere.</param>
/// <param name="Service">How a random day's consultations last and its booked patients arrive.</param>
/// <param name="MaxOvertakes">Sets <c>Opd:MaxOvertakes</c> for the run: the engine's ageing of waiting walk-ins.</param>
/// <param name="LastSeed">With <c>--seeds</c>: the days from <see cref="Seed"/> to this one, pooled into one table.</param>
public sealed record SimulationSettings(int? Seed, int Patients, string? JsonPath = null, ServiceTimes? Service = null, int? MaxOvertakes = null, int? LastSeed = null)
{
    public const int MaxPatients = 300;

    public const int MaxSeeds = 100;

    public static SimulationSettings Default { get; } = new(null, ScriptedDay.Patients);

    /// <summary>The settings of one day of a <c>--seeds</c> run; the JSON file is the pooled summary's.</summary>
    public SimulationSettings Day(int seed) => this with { Seed = seed, LastSeed = null, JsonPath = null };
}

public static class SimulationArgs
{
    public const string Usage = """
        Usage: dotnet run --project OpdReception -- simulate [--seed N | --seeds A-B] [--patients N] [--service uniform|lognormal]
                                                             [--service-cv X] [--max-overtakes N] [--json FILE]

          (no options)       the scripted reference day: 3 doctors, 7 slots each, 22 patients
          --seed N           a random day drawn from System.Random(N); the same N gives the same day
          --seeds A-B        the random days A to B, played one after the other; prints one line per day and the
                             figures of all their patients pooled (no timelines)
          --patients N       how many patients come (default 22, at most 300); without --seed the
                             scripted day gets N - 22 extra patients, so N must be at least 22
          --service MODEL    uniform (default): every consultation 6 to 14 minutes; lognormal: each doctor
                             has their own mean (up to 40% off the slot's minutes), consultations scatter
                             around it, and booked patients arrive on a bell curve (random days only)
          --service-cv X     the spread of lognormal consultations, standard deviation / mean (default 0.5)
          --max-overtakes N  sets Opd:MaxOvertakes for the run: no waiting walk-in is overtaken by more than N
                             later arrivals (default: off)
          --json FILE        also write the whole report, ETA accuracy included, to FILE as JSON; with --seeds,
                             the pooled summary
        Exit code: 0 when the day's numbers add up, 1 when they do not, 2 for bad arguments.
        """;

    private static readonly string[] Names = ["--seed", "--seeds", "--patients", "--json", "--service", "--service-cv", "--max-overtakes"];

    /// <summary>Null settings with a null error means help was asked for.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out SimulationSettings? settings, out string? error)
    {
        settings = null;
        error = null;
        var given = new Dictionary<string, string>();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            if (name is "-h" or "--help" or "help")
            {
                return true;
            }

            if (!Names.Contains(name))
            {
                error = $"Unknown argument '{args[i]}'.";
                return false;
            }

            if (given.ContainsKey(name))
            {
                error = $"{name} is given twice.";
                return false;
            }

            value ??= i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            if (string.IsNullOrWhiteSpace(value))
            {
                error = name switch
                {
                    "--json" => "--json needs a file name.",
                    "--service" => "--service needs a model: uniform or lognormal.",
                    "--seeds" => "--seeds needs a range of seeds, such as 1-10.",
                    _ => $"{name} needs a number.",
                };
                return false;
            }

            given[name] = value;
        }

        error = Read(given, out settings);
        return error is null;
    }

    private static string? Read(Dictionary<string, string> given, out SimulationSettings? settings)
    {
        settings = null;
        int? seed = null, lastSeed = null, patients = null, maxOvertakes = null;
        if ((given.TryGetValue("--seed", out var text) && !Whole(text, "--seed", out seed, out var problem))
            || (given.TryGetValue("--patients", out text) && !Whole(text, "--patients", out patients, out problem))
            || (given.TryGetValue("--max-overtakes", out text) && !Whole(text, "--max-overtakes", out maxOvertakes, out problem)))
        {
            return problem;
        }

        if (given.TryGetValue("--seeds", out text))
        {
            if (seed is not null)
            {
                return "Give either --seed or --seeds, not both.";
            }

            if (text.Split('-') is not [var from, var to]
                || !int.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !int.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                || last < first || last - first >= SimulationSettings.MaxSeeds)
            {
                return $"--seeds needs a range such as 1-10, of at most {SimulationSettings.MaxSeeds} seeds, not '{text}'.";
            }

            (seed, lastSeed) = (first, last);
        }

        var count = patients ?? ScriptedDay.Patients;
        if (count is < 1 or > SimulationSettings.MaxPatients)
        {
            return $"--patients must be between 1 and {SimulationSettings.MaxPatients}, not {count}.";
        }

        if (seed is null && count < ScriptedDay.Patients)
        {
            return $"Without --seed the scripted day already has {ScriptedDay.Patients} patients; ask for at least that many, or add --seed N.";
        }

        if (maxOvertakes is < 1 or > 1000)
        {
            return $"--max-overtakes must be between 1 and 1000, not {maxOvertakes}.";
        }

        var service = ServiceTimes.Uniform;
        if (given.TryGetValue("--service", out text))
        {
            ServiceModel? model = text switch { "uniform" => ServiceModel.Uniform, "lognormal" => ServiceModel.LogNormal, _ => null };
            if (model is null)
            {
                return $"--service is uniform or lognormal, not '{text}'.";
            }

            service = service with { Model = model.Value };
        }

        if (given.TryGetValue("--service-cv", out text))
        {
            if (service.Model != ServiceModel.LogNormal)
            {
                return "--service-cv sets the spread of --service lognormal; add that too.";
            }

            if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cv) || cv is <= 0 or > 3)
            {
                return $"--service-cv must be a number above 0 and at most 3, such as 0.5, not '{text}'.";
            }

            service = service with { Cv = cv };
        }

        if (seed is null && service.Model == ServiceModel.LogNormal)
        {
            return "--service plays a random day: add --seed N (the scripted day keeps its own times).";
        }

        settings = new SimulationSettings(seed, count, given.GetValueOrDefault("--json"), service == ServiceTimes.Uniform ? null : service, maxOvertakes, lastSeed);
        return null;
    }

    private static bool Whole(string text, string name, out int? number, out string? problem)
    {
        var ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value);
        number = ok ? value : null;
        problem = ok ? null : $"{name} needs a whole number of zero or more, not '{text}'.";
        return ok;
    }
}
