using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class SettingsRulesTests
{
    private static readonly SettingValues Defaults = new(1000, 500, 300, 200, 100, 6, 10, 15, 10, 2, 30, 60, "City Hospital OPD");

    [Fact]
    public void Unchanged_settings_are_accepted_with_no_change_to_record()
    {
        var decision = Assert.IsType<SettingsAccepted>(SettingsRules.Check(Defaults, Defaults));
        Assert.Empty(decision.Changes);
    }

    [Fact]
    public void A_changed_weight_is_one_line_of_history_from_old_to_new()
    {
        var decision = Assert.IsType<SettingsAccepted>(SettingsRules.Check(Defaults, Defaults with { WalkInPriority = 150 }));
        var line = Assert.Single(decision.Changes);
        Assert.Equal(("WalkInPriority", "100", "150"), (line.Key, line.From, line.To));
    }

    [Theory]
    [InlineData(500, 500)]
    [InlineData(999, 1000)]
    [InlineData(100, 200)]
    public void The_emergency_weight_must_stay_above_every_other(int emergency, int paid)
    {
        var refused = Assert.IsType<SettingsRefused>(SettingsRules.Check(Defaults, Defaults with { EmergencyPriority = emergency, PaidPriority = paid }));
        Assert.Contains("EmergencyPriority", refused.Errors.Keys);
    }

    [Theory]
    [InlineData("DefaultMaxCapacity", 0)]
    [InlineData("DefaultMaxCapacity", 501)]
    [InlineData("DefaultConsultationMinutes", 0)]
    [InlineData("NoShowTimeoutMinutes", 241)]
    [InlineData("LateArrivalGraceMinutes", -1)]
    [InlineData("RecallsBeforeNoShow", -1)]
    [InlineData("RecallsBeforeNoShow", 21)]
    [InlineData("WalkInPriority", 0)]
    public void Numbers_out_of_bounds_are_refused_by_name(string key, int value)
    {
        var wanted = key switch
        {
            "DefaultMaxCapacity" => Defaults with { DefaultMaxCapacity = value },
            "DefaultConsultationMinutes" => Defaults with { DefaultConsultationMinutes = value },
            "NoShowTimeoutMinutes" => Defaults with { NoShowTimeoutMinutes = value },
            "LateArrivalGraceMinutes" => Defaults with { LateArrivalGraceMinutes = value },
            "RecallsBeforeNoShow" => Defaults with { RecallsBeforeNoShow = value },
            _ => Defaults with { WalkInPriority = value },
        };
        var refused = Assert.IsType<SettingsRefused>(SettingsRules.Check(Defaults, wanted));
        Assert.Contains(key, refused.Errors.Keys);
    }

    [Theory]
    [InlineData(null, "HospitalName", "required")]
    [InlineData("   ", "HospitalName", "required")]
    [InlineData("\u202EDPO latipsoH", "HospitalName", "reverse or reorder")]
    [InlineData("City\u2066 Hospital", "HospitalName", "reverse or reorder")]
    [InlineData("City\nHospital", "HospitalName", "control characters")]
    public void Texts_missing_or_hiding_their_direction_are_refused_by_name(string? name, string key, string words)
    {
        var refused = Assert.IsType<SettingsRefused>(SettingsRules.Check(Defaults, Defaults with { HospitalName = name! }));

        Assert.Equal([key], refused.Errors.Keys);
        Assert.Contains(words, Assert.Single(refused.Errors[key]));
    }

    [Fact]
    public void Red_must_come_after_amber()
    {
        var refused = Assert.IsType<SettingsRefused>(SettingsRules.Check(Defaults, Defaults with { WaitAmberMinutes = 40, WaitRedMinutes = 40 }));
        Assert.Contains("WaitRedMinutes", refused.Errors.Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Line one\nLine two")]
    public void A_hospital_name_is_one_line_and_not_empty(string name)
    {
        var refused = Assert.IsType<SettingsRefused>(SettingsRules.Check(Defaults, Defaults with { HospitalName = name }));
        Assert.Contains("HospitalName", refused.Errors.Keys);
    }

    [Fact]
    public void The_hospital_name_is_stored_trimmed()
    {
        var decision = Assert.IsType<SettingsAccepted>(SettingsRules.Check(Defaults, Defaults with { HospitalName = "  St. Mary's OPD " }));
        Assert.Equal("St. Mary's OPD", Assert.Single(decision.Changes).To);
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var refused = Assert.IsType<SettingsRefused>(SettingsRules.Check(Defaults, Defaults with { EmergencyPriority = 1, RecallsBeforeNoShow = -1, HospitalName = "" }));
        Assert.Equal(["EmergencyPriority", "HospitalName", "RecallsBeforeNoShow"], refused.Errors.Keys.Order());
    }

    [Fact]
    public void Only_the_kinds_of_patient_whose_weight_changes_are_re_scored_with_their_new_weight()
    {
        Assert.Equal(
            new Dictionary<TokenSource, int> { [TokenSource.WalkIn] = 250, [TokenSource.Emergency] = 2000 },
            SettingsRules.Rescored(Defaults, Defaults with { WalkInPriority = 250, EmergencyPriority = 2000, HospitalName = "Other" }));
        Assert.Empty(SettingsRules.Rescored(Defaults, Defaults with { DefaultMaxCapacity = 9 }));
    }
}
