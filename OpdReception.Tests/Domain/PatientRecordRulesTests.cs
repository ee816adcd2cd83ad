using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

/// <summary>A record's edit written field by field, ages kept as dates, and when two records of one person may become one.</summary>
public sealed class PatientRecordRulesTests
{
    private static readonly DateOnly Today = new(2030, 1, 7);

    private static readonly PatientRecordFields Meera = new("Meera Pillai", "+91 98111 22334", Sex.Female, new DateOnly(1986, 3, 12), false, null, null, null);

    public static TheoryData<PatientRecordFields, string[]> Edits => new()
    {
        { Meera, [] },
        { Meera with { Phone = "+91 98111 22335" }, ["Phone: +91 98111 22334 → +91 98111 22335"] },
        { Meera with { Name = "Meera P. Nair", Address = "12 MG Road, Kochi" }, ["Name: Meera Pillai → Meera P. Nair", "Address: (none) → 12 MG Road, Kochi"] },
        { Meera with { Sex = Sex.Other }, ["Sex: Female → Other"] },
        { Meera with { Sex = null }, ["Sex: Female → (none)"] },
        { Meera with { BirthDate = new DateOnly(1990, 1, 7), BirthDateIsApproximate = true }, ["Born: 12 Mar 1986 → about 1990"] },
        { Meera with { BirthDateIsApproximate = true }, ["Born: 12 Mar 1986 → about 1986"] },
        { Meera with { AbhaNumber = "12345678901234" }, ["ABHA number: (none) → 12-3456-7890-1234"] },
        { Meera with { AbhaAddress = "meera@abdm", Phone = null }, ["Phone: +91 98111 22334 → (none)", "ABHA address: (none) → meera@abdm"] },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void An_edit_is_one_history_line_per_field_that_changed(PatientRecordFields after, string[] lines) =>
        Assert.Equal(lines, PatientEdits.Between(Meera, after).Select(c => c.Words));

    private static MergeSide Side(string id, string? mergedInto = null, params ActiveDay[] days) => new(id, mergedInto, days);

    private static readonly ActiveDay RaoToday = new(1, Today, "T004");

    public static TheoryData<MergeSide, MergeSide, string?, MergeRefusal?, string?> Merges => new()
    {
        { Side("H-1"), Side("H-2"), "Same phone and name, registered twice", null, null },
        { Side("H-1", null, RaoToday), Side("H-2", null, RaoToday with { DoctorId = 2, Label = "T001" }), "twice", null, null },
        { Side("H-1", null, RaoToday), Side("H-2", null, RaoToday with { Date = Today.AddDays(1), Label = "T001" }), "twice", null, null },
        { Side("H-1"), Side("H-2"), null, MergeRefusal.ReasonMissing, "reason" },
        { Side("H-1"), Side("H-2"), "  ", MergeRefusal.ReasonMissing, "reason" },
        { Side("H-1"), Side("h-1"), "twice", MergeRefusal.SameRecord, "from" },
        { Side("H-1"), Side("H-2", "H-3"), "twice", MergeRefusal.AlreadyMerged, "from" },
        { Side("H-1", "H-3"), Side("H-2"), "twice", MergeRefusal.AlreadyMerged, "id" },
        { Side("H-1", null, RaoToday), Side("H-2", null, RaoToday with { Label = "T009" }), "twice", MergeRefusal.TwoTokensWithOneDoctorDay, "from" },
    };

    [Theory]
    [MemberData(nameof(Merges))]
    public void Two_records_merge_unless_a_rule_says_why_not(MergeSide keep, MergeSide from, string? reason, MergeRefusal? refusal, string? field)
    {
        var decision = PatientMerge.Decide(keep, from, reason);

        if (refusal is null)
        {
            Assert.IsType<MergeAllowed>(decision);
            return;
        }

        var refused = Assert.IsType<MergeRefused>(decision);
        Assert.Equal(refusal, refused.Kind);
        Assert.Equal(field, refused.Field);
    }

    [Fact]
    public void A_clash_names_both_tokens_so_the_desk_knows_which_to_cancel()
    {
        var refused = Assert.IsType<MergeRefused>(PatientMerge.Decide(Side("H-1", null, RaoToday), Side("H-2", null, RaoToday with { Label = "T009" }), "twice"));

        Assert.Contains("T004 and T009", refused.Reason);
    }

    [Fact]
    public void A_record_merged_already_names_the_record_it_went_into()
    {
        var refused = Assert.IsType<MergeRefused>(PatientMerge.Decide(Side("H-1"), Side("H-2", "H-3"), "twice"));

        Assert.Contains("H-2 was already merged into H-3", refused.Reason);
    }
}
