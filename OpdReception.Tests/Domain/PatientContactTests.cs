using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

/// <summary>The desk's message details: the language by code or name, one plain email, and what a merge and an edit make of them.</summary>
public sealed class PatientContactTests
{
    [Theory]
    [InlineData("en", "en")]
    [InlineData("EN", "en")]
    [InlineData(" hi ", "hi")]
    [InlineData("Hindi", "hi")]
    [InlineData("ta", "ta")]
    [InlineData("TAMIL", "ta")]
    [InlineData("English", "en")]
    [InlineData("fr", null)]
    [InlineData("te", null)]
    [InlineData("", null)]
    [InlineData("en-IN", null)]
    [InlineData(null, null)]
    public void A_language_is_one_of_ours_by_code_or_name(string? typed, string? code) => Assert.Equal(code, MessageLanguages.Code(typed));

    [Theory]
    [InlineData("en", "English")]
    [InlineData("hi", "हिन्दी")]
    [InlineData("ta", "தமிழ்")]
    public void A_language_is_shown_in_its_own_script(string code, string name) => Assert.Equal(name, MessageLanguages.Name(code));

    [Theory]
    [InlineData("asha.verma@example.in", "asha.verma@example.in")]
    [InlineData("  Asha.Verma@Example.IN ", "Asha.Verma@example.in")]
    [InlineData("ravi+opd@mail.co.in", "ravi+opd@mail.co.in")]
    [InlineData("o'neil@hospital-mail.org", "o'neil@hospital-mail.org")]
    [InlineData("a@b.co", "a@b.co")]
    [InlineData("asha.verma", null)]
    [InlineData("asha@", null)]
    [InlineData("@example.in", null)]
    [InlineData("asha@example", null)]
    [InlineData("asha@@example.in", null)]
    [InlineData("asha@ex@ample.in", null)]
    [InlineData("asha verma@example.in", null)]
    [InlineData("Asha <asha@example.in>", null)]
    [InlineData(".asha@example.in", null)]
    [InlineData("asha.@example.in", null)]
    [InlineData("as..ha@example.in", null)]
    [InlineData("asha@-example.in", null)]
    [InlineData("asha@example-.in", null)]
    [InlineData("asha@example..in", null)]
    [InlineData("asha@example.i", null)]
    [InlineData("asha@example.123", null)]
    [InlineData("asha@exa_mple.in", null)]
    [InlineData("", null)]
    public void An_email_is_one_plain_address_kept_with_its_domain_in_small_letters(string typed, string? kept) =>
        Assert.Equal(kept, PatientEmail.Parse(typed));

    [Fact]
    public void An_email_longer_than_254_characters_or_a_local_part_over_64_is_refused()
    {
        Assert.Null(PatientEmail.Parse(new string('a', 65) + "@example.in"));
        Assert.NotNull(PatientEmail.Parse(new string('a', 64) + "@example.in"));
        Assert.Null(PatientEmail.Parse("a@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 5)) + ".in"));
    }

    private static readonly MessageContact Nothing = new(null, null, false);

    public static TheoryData<MessageContact, MessageContact, MessageContact, string[]> Merges => new()
    {
        { Nothing, Nothing, Nothing, [] },
        { new("ta", "kept@example.in", false), new("hi", "other@example.in", false), new("ta", "kept@example.in", false), [] },
        { Nothing, new("hi", "other@example.in", false), new("hi", "other@example.in", false), ["language हिन्दी", "email other@example.in"] },
        { new("ta", null, false), new("hi", "other@example.in", false), new("ta", "other@example.in", false), ["email other@example.in"] },
        { Nothing, new(null, null, true), new(null, null, true), ["no messages"] },
        { new("en", null, true), new("ta", null, false), new("en", null, true), [] },
    };

    [Theory]
    [MemberData(nameof(Merges))]
    public void A_merge_keeps_what_the_kept_record_has_takes_what_it_lacks_and_any_no_messages_stands(
        MessageContact keep, MessageContact from, MessageContact merged, string[] taken)
    {
        Assert.Equal(merged, MessageContact.Merge(keep, from));
        Assert.Equal(taken, MessageContact.Taken(keep, merged));
    }

    private static readonly PatientRecordFields Meera = new("Meera Pillai", "+91 98111 22334", Sex.Female, null, false, null, null, null);

    public static TheoryData<PatientRecordFields, PatientRecordFields, string[]> Edits => new()
    {
        { Meera, Meera with { Language = "ta" }, ["Language: (none) → தமிழ்"] },
        { Meera with { Language = "hi" }, Meera with { Language = "en" }, ["Language: हिन्दी → English"] },
        { Meera, Meera with { Email = "meera@example.in" }, ["Email: (none) → meera@example.in"] },
        { Meera with { Email = "meera@example.in" }, Meera, ["Email: meera@example.in → (none)"] },
        { Meera, Meera with { MessagesOptOut = true }, ["Messages turned off at the desk"] },
        { Meera with { MessagesOptOut = true }, Meera, ["Messages turned on at the desk"] },
        { Meera with { Language = "ta", MessagesOptOut = true }, Meera with { Language = "ta", MessagesOptOut = true }, [] },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void A_change_of_language_email_or_messages_is_its_own_history_line(PatientRecordFields before, PatientRecordFields after, string[] lines) =>
        Assert.Equal(lines, PatientEdits.Between(before, after).Select(c => c.Words));
}
