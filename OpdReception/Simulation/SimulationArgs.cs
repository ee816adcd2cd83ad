using System.Globalization;

namespace OpdReception.Simulation;

/// <summary>What to simulate: the scripted reference day, or with a seed a random but reproducible one.</summary>
/// <param name="JsonPath">Where to write the whole report as JSON, if anywhere.</param>
public sealed record SimulationSettings(int? Seed, int Patients, string? JsonPath = null)
{
    public const int MaxPatients = 300;

    public static SimulationSettings Default { get; } = new(null, ScriptedDay.Patients);
}

public static class SimulationArgs
{
    public const string Usage = """
        Usage: dotnet run --project OpdReception -- simulate [--seed N] [--patients N] [--json FILE]

          (no options)    the scripted reference day: 3 doctors, 7 slots each, 22 patients
          --seed N        a random day drawn from System.Random(N); the same N gives the same day
          --patients N    how many patients come (default 22, at most 300); without --seed the
                          scripted day gets N - 22 extra patients, so N must be at least 22
          --json FILE     also write the whole report, ETA accuracy included, to FILE as JSON
        Exit code: 0 when the day's numbers add up, 1 when they do not, 2 for bad arguments.
        """;

    /// <summary>Null settings with a null error means help was asked for.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out SimulationSettings? settings, out string? error)
    {
        settings = null;
        error = null;
        int? seed = null, patients = null;
        string? json = null;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            if (name is "-h" or "--help" or "help")
            {
                return true;
            }

            if (name is not ("--seed" or "--patients" or "--json"))
            {
                error = $"Unknown argument '{args[i]}'.";
                return false;
            }

            if (name switch { "--seed" => seed is not null, "--patients" => patients is not null, _ => json is not null })
            {
                error = $"{name} is given twice.";
                return false;
            }

            value ??= i + 1 < args.Count ? args[++i] : null;
            if (name == "--json")
            {
                if (string.IsNullOrWhiteSpace(value) || value.StartsWith("--", StringComparison.Ordinal))
                {
                    error = "--json needs a file name.";
                    return false;
                }

                json = value;
                continue;
            }

            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                error = value is null ? $"{name} needs a number." : $"{name} needs a whole number of zero or more, not '{value}'.";
                return false;
            }

            if (name == "--seed")
            {
                seed = number;
            }
            else
            {
                patients = number;
            }
        }

        var count = patients ?? ScriptedDay.Patients;
        if (count is < 1 or > SimulationSettings.MaxPatients)
        {
            error = $"--patients must be between 1 and {SimulationSettings.MaxPatients}, not {count}.";
            return false;
        }

        if (seed is null && count < ScriptedDay.Patients)
        {
            error = $"Without --seed the scripted day already has {ScriptedDay.Patients} patients; ask for at least that many, or add --seed N.";
            return false;
        }

        settings = new SimulationSettings(seed, count, json);
        return true;
    }
}
