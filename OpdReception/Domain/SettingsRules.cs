namespace OpdReception.Domain;

/// <summary>Everything an admin may change on the settings page, as one value.</summary>
public sealed record SettingValues(
    int EmergencyPriority,
    int PaidPriority,
    int FollowUpPriority,
    int OnlinePriority,
    int WalkInPriority,
    int DefaultMaxCapacity,
    int DefaultConsultationMinutes,
    int NoShowTimeoutMinutes,
    int LateArrivalGraceMinutes,
    int RecallsBeforeNoShow,
    int WaitAmberMinutes,
    int WaitRedMinutes,
    string HospitalName,
    int? MaxOvertakes = null);

/// <summary>One whole-number setting: its name (as in appsettings' "Opd" section), its words and its bounds.</summary>
public sealed record NumberSetting(string Key, string Label, int Min, int Max, Func<SettingValues, int> Read);

/// <summary>A whole-number setting that may be off (empty).</summary>
public sealed record OptionalNumberSetting(string Key, string Label, int Min, int Max);

public abstract record SettingsDecision;

public sealed record SettingsAccepted(IReadOnlyList<SettingChangeLine> Changes) : SettingsDecision;

public sealed record SettingsRefused(IReadOnlyDictionary<string, string[]> Errors) : SettingsDecision;

/// <summary>One setting that changes: what the history records.</summary>
public sealed record SettingChangeLine(string Key, string Label, string From, string To);

/// <summary>Which settings are acceptable. Pure: the caller reads the current values and writes the accepted ones.</summary>
public static class SettingsRules
{
    public const int MaxHospitalName = 80;

    /// <summary>Ageing (<see cref="Ageing"/>): a number of later arrivals, or empty for off.</summary>
    public static readonly OptionalNumberSetting MaxOvertakes = new("MaxOvertakes", "Walk-in overtaken at most (later arrivals)", 1, 1000);

    /// <summary>How a setting that may be off is written, in the history and in the saved row.</summary>
    public const string Off = "off";

    /// <summary>What a change of weight does, in the admin's words: the settings page says it beside the weights.</summary>
    public const string WeightsTakeEffect =
        "New weights re-order patients not yet called, from now on: today's and later bookings and waiting patients take the new weight; a patient already called or seen is not moved.";

    /// <summary>
    /// The new weight of each kind of patient whose weight changes. A token carries its weight as its score, and the
    /// queue's reasons are worded from the weights in force: re-scoring the patients not yet called with the same
    /// save keeps the order and its reasons saying the same thing.
    /// </summary>
    public static IReadOnlyDictionary<TokenSource, int> Rescored(SettingValues from, SettingValues to) =>
        Enum.GetValues<TokenSource>()
            .Where(source => WeightsOf(from).For(source) != WeightsOf(to).For(source))
            .ToDictionary(source => source, source => WeightsOf(to).For(source));

    // A method, not a property of the record: the record is the settings' API body, and a body refuses members it does not know.
    private static PriorityWeights WeightsOf(SettingValues v) =>
        new(v.EmergencyPriority, v.PaidPriority, v.FollowUpPriority, v.OnlinePriority, v.WalkInPriority);

    public static readonly IReadOnlyList<NumberSetting> Numbers =
    [
        new("EmergencyPriority", "Emergency weight", 1, 1_000_000, v => v.EmergencyPriority),
        new("PaidPriority", "Priority (paid) weight", 1, 1_000_000, v => v.PaidPriority),
        new("FollowUpPriority", "Follow-up weight", 1, 1_000_000, v => v.FollowUpPriority),
        new("OnlinePriority", "Online booking weight", 1, 1_000_000, v => v.OnlinePriority),
        new("WalkInPriority", "Walk-in weight", 1, 1_000_000, v => v.WalkInPriority),
        new("DefaultMaxCapacity", "Default patients per slot", 1, 500, v => v.DefaultMaxCapacity),
        new("DefaultConsultationMinutes", "Default minutes per consultation", 1, 240, v => v.DefaultConsultationMinutes),
        new("NoShowTimeoutMinutes", "Did not come after (minutes)", 1, 240, v => v.NoShowTimeoutMinutes),
        new("LateArrivalGraceMinutes", "Late arrival grace (minutes)", 0, 240, v => v.LateArrivalGraceMinutes),
        new("RecallsBeforeNoShow", "Calls again before absent", 0, 20, v => v.RecallsBeforeNoShow),
        new("WaitAmberMinutes", "Wait shown amber after (minutes)", 1, 600, v => v.WaitAmberMinutes),
        new("WaitRedMinutes", "Wait shown red after (minutes)", 1, 600, v => v.WaitRedMinutes),
    ];

    public static SettingsDecision Check(SettingValues current, SettingValues wanted)
    {
        var errors = new Dictionary<string, List<string>>();
        void Refuse(string key, string message) => (errors.TryGetValue(key, out var list) ? list : errors[key] = []).Add(message);

        foreach (var number in Numbers)
        {
            var value = number.Read(wanted);
            if (value < number.Min || value > number.Max)
            {
                Refuse(number.Key, $"{number.Label} must be between {number.Min} and {number.Max}.");
            }
        }

        // An emergency is never refused and always first: no other weight may reach it.
        var others = new[] { wanted.PaidPriority, wanted.FollowUpPriority, wanted.OnlinePriority, wanted.WalkInPriority };
        if (wanted.EmergencyPriority <= others.Max())
        {
            Refuse("EmergencyPriority", $"The emergency weight ({wanted.EmergencyPriority}) must stay higher than every other weight (highest other: {others.Max()}).");
        }

        if (wanted.WaitRedMinutes <= wanted.WaitAmberMinutes)
        {
            Refuse("WaitRedMinutes", $"Red ({wanted.WaitRedMinutes} min) must come after amber ({wanted.WaitAmberMinutes} min).");
        }

        if (wanted.MaxOvertakes is { } overtakes && (overtakes < MaxOvertakes.Min || overtakes > MaxOvertakes.Max))
        {
            Refuse(MaxOvertakes.Key, $"{MaxOvertakes.Label} must be between {MaxOvertakes.Min} and {MaxOvertakes.Max}, or empty for off.");
        }

        // A body read from JSON may carry null where the record promises text: refused, never a crash.
        var name = wanted.HospitalName?.Trim() ?? "";
        if (name.Length == 0 || name.Length > MaxHospitalName)
        {
            Refuse("HospitalName", $"The hospital name is required, at most {MaxHospitalName} characters.");
        }
        else if (TextRules.Problem(name) is { } problem)
        {
            Refuse("HospitalName", $"The hospital name {problem}.");
        }

        return errors.Count > 0
            ? new SettingsRefused(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()))
            : new SettingsAccepted(Changes(current, wanted with { HospitalName = name }));
    }

    /// <summary>The settings that differ, as words for the history and the values to store.</summary>
    public static IReadOnlyList<SettingChangeLine> Changes(SettingValues from, SettingValues to)
    {
        var lines = Numbers
            .Where(n => n.Read(from) != n.Read(to))
            .Select(n => new SettingChangeLine(n.Key, n.Label, Text(n.Read(from)), Text(n.Read(to))))
            .ToList();
        if (from.MaxOvertakes != to.MaxOvertakes)
        {
            lines.Add(new(MaxOvertakes.Key, MaxOvertakes.Label, Text(from.MaxOvertakes), Text(to.MaxOvertakes)));
        }

        if (from.HospitalName != to.HospitalName)
        {
            lines.Add(new("HospitalName", "Hospital name", from.HospitalName, to.HospitalName));
        }

        return lines;
    }

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Text(int? value) => value is { } number ? Text(number) : Off;
}
