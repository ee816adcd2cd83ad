using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Tests.Domain;

public sealed class EntranceCodeTests
{
    private static readonly byte[] Secret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly byte[] OtherSecret = [.. Enumerable.Range(2, 32).Select(i => (byte)i)];
    private static readonly DateOnly Day = new(2030, 1, 7);

    [Fact]
    public void The_days_code_is_eight_unambiguous_characters_and_the_same_all_day()
    {
        var code = EntranceCode.For(Secret, Day);

        Assert.Equal(EntranceCode.Length, code.Length);
        Assert.All(code, c => Assert.Contains(c, "0123456789ABCDEFGHJKMNPQRSTVWXYZ"));
        Assert.Equal(code, EntranceCode.For(Secret, Day));
    }

    [Fact]
    public void Each_day_of_a_year_has_its_own_code() =>
        Assert.Equal(366, Enumerable.Range(0, 366).Select(d => EntranceCode.For(Secret, Day.AddDays(d))).Distinct().Count());

    [Fact]
    public void Another_hospitals_secret_gives_another_code() =>
        Assert.NotEqual(EntranceCode.For(Secret, Day), EntranceCode.For(OtherSecret, Day));

    [Fact]
    public void Todays_code_is_accepted_typed_in_lower_case_and_yesterdays_is_not()
    {
        var today = EntranceCode.For(Secret, Day);

        Assert.True(EntranceCode.IsFor(Secret, Day, today));
        Assert.True(EntranceCode.IsFor(Secret, Day, today.ToLowerInvariant()));
        Assert.False(EntranceCode.IsFor(Secret, Day, EntranceCode.For(Secret, Day.AddDays(-1))));
        Assert.False(EntranceCode.IsFor(Secret, Day.AddDays(1), today));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABC")]
    [InlineData("ABCDEFGHJ")]
    public void A_missing_or_malformed_code_is_refused(string? code) => Assert.False(EntranceCode.IsFor(Secret, Day, code));

    [Fact]
    public void A_kiosks_key_is_its_names_own_and_never_the_days_code()
    {
        var entrance = EntranceCode.KioskKey(Secret, "Entrance");

        Assert.Equal(EntranceCode.KioskKeyLength, entrance.Length);
        Assert.True(EntranceCode.IsKiosk(Secret, "Entrance", entrance));
        Assert.True(EntranceCode.IsKiosk(Secret, " Entrance ", entrance.ToLowerInvariant()));
        Assert.False(EntranceCode.IsKiosk(Secret, "Block B", entrance));
        Assert.False(EntranceCode.IsKiosk(OtherSecret, "Entrance", entrance));
        Assert.False(EntranceCode.IsKiosk(Secret, "", entrance));
        Assert.False(EntranceCode.IsKiosk(Secret, "Entrance", null));
        Assert.DoesNotContain(EntranceCode.For(Secret, Day), entrance);
    }

    [Theory]
    [InlineData("https://opd.example.org/t/abcdefghjkmnpqrs2345", "abcdefghjkmnpqrs2345")]
    [InlineData("http://10.0.0.5:8080/t/abcdefghjkmnpqrs2345?x=1#top", "abcdefghjkmnpqrs2345")]
    [InlineData("/t/abcdefghjkmnpqrs2345", "abcdefghjkmnpqrs2345")]
    [InlineData("  abcdefghjkmnpqrs2345\n", "abcdefghjkmnpqrs2345")]
    [InlineData("https://opd.example.org/hospital/t/abcdefghjkmnpqrs2345/", "abcdefghjkmnpqrs2345")]
    [InlineData("https://opd.example.org/t/ABCDEFGHJKMNPQRS2345", null)]
    [InlineData("https://opd.example.org/t/abcdefghjkmnpqrs234", null)]
    [InlineData("https://opd.example.org/arrive?at=ABCDEFGH", null)]
    [InlineData("https://opd.example.org/display/abcdefghjkmnpqrs2345", null)]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("WIFI:S:Hospital;T:WPA;P:secret;;", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_scanned_slip_gives_its_token_code_and_anything_else_nothing(string? scanned, string? code) =>
        Assert.Equal(code, SlipScan.CodeOf(scanned));

    [Fact]
    public void The_scan_reads_codes_of_the_length_the_slips_get() => Assert.Equal(TokenCodes.Length, SlipScan.CodeLength);

    [Fact]
    public void A_new_slips_code_is_read_back_from_its_address()
    {
        var code = TokenCodes.New();

        Assert.Equal(code, SlipScan.CodeOf($"https://opd.example.org/t/{code}"));
    }

    [Theory]
    [InlineData("T014", "T", 14)]
    [InlineData("t14", "T", 14)]
    [InlineData(" T 014 ", "T", 14)]
    [InlineData("AB-7", "AB", 7)]
    [InlineData("T0001", "T", 1)]
    public void A_typed_label_is_read_as_the_slip_prints_it(string typed, string prefix, int number) =>
        Assert.Equal((prefix, number), SelfCheckIns.Labels.Parse(typed));

    [Theory]
    [InlineData("014")]
    [InlineData("T")]
    [InlineData("ABC1")]
    [InlineData("T000")]
    [InlineData("T12345")]
    [InlineData("T1A")]
    [InlineData(null)]
    public void Anything_else_is_not_a_label(string? typed) => Assert.Null(SelfCheckIns.Labels.Parse(typed));

    [Fact]
    public void Every_answer_has_its_words_in_english_hindi_and_tamil()
    {
        foreach (var outcome in SelfCheckInWords.Outcomes)
        {
            var (en, hi, ta) = (SelfCheckInWords.Say(outcome, "en", "09:00"), SelfCheckInWords.Say(outcome, "hi", "09:00"), SelfCheckInWords.Say(outcome, "ta", "09:00"));
            Assert.All(en, c => Assert.True(c < 0x0900, $"{outcome}: English has {c}"));
            Assert.Contains(hi, c => c is >= '\u0900' and <= '\u097F');
            Assert.Contains(ta, c => c is >= '\u0B80' and <= '\u0BFF');
        }
    }
}
