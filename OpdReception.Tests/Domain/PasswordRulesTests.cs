using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class PasswordRulesTests
{
    private static readonly IReadOnlySet<string> Listed = new HashSet<string>(["password", "sunshine", "qwertyuiop123", "demo-pass-2026"]);

    [Theory]
    [InlineData("", typeof(PasswordVerdict.TooShort))]
    [InlineData("Short-pw-1", typeof(PasswordVerdict.TooShort))]
    [InlineData("Eleven-char", typeof(PasswordVerdict.TooShort))]
    [InlineData("Twelve-chars", typeof(PasswordVerdict.Accepted))]
    [InlineData("A 128-character passphrase is the longest accepted one, and this one is far longer than that: it goes on and on and on and on and on.", typeof(PasswordVerdict.TooLong))]
    [InlineData("QWERTYUIOP123", typeof(PasswordVerdict.Common))]
    [InlineData("Password2026!", typeof(PasswordVerdict.Common))]
    [InlineData("!!Sunshine123456", typeof(PasswordVerdict.Common))]
    [InlineData("Demo-pass-2026", typeof(PasswordVerdict.Common))]
    [InlineData("111111111111", typeof(PasswordVerdict.Predictable))]
    [InlineData("aaaaaaaaaaaa", typeof(PasswordVerdict.Predictable))]
    [InlineData("abababababab", typeof(PasswordVerdict.Predictable))]
    [InlineData("abcdefghijkl", typeof(PasswordVerdict.Predictable))]
    [InlineData("987654321098", typeof(PasswordVerdict.Predictable))]
    [InlineData("qwertyuiopas", typeof(PasswordVerdict.Predictable))]
    [InlineData("LKJHGFDSAPOI", typeof(PasswordVerdict.Predictable))]
    [InlineData("opdreception12", typeof(PasswordVerdict.Predictable))]
    [InlineData("Reception2026", typeof(PasswordVerdict.Predictable))]
    [InlineData("Hospital-Admin-1!", typeof(PasswordVerdict.Predictable))]
    [InlineData("reception-mango-kite", typeof(PasswordVerdict.Accepted))]
    [InlineData("password-garden-lamp", typeof(PasswordVerdict.Accepted))]
    [InlineData("correct horse battery", typeof(PasswordVerdict.Accepted))]
    public void A_password_is_refused_when_short_or_listed_with_or_without_digits_and_symbols_around_it(string password, Type verdict) =>
        Assert.IsType(verdict, PasswordRules.Check(password, Listed));

    [Fact]
    public void Length_counts_characters_a_person_sees_not_utf16_units()
    {
        // Eleven emoji are 22 UTF-16 units but eleven characters: still too short.
        Assert.IsType<PasswordVerdict.TooShort>(PasswordRules.Check(string.Concat(Enumerable.Repeat("🔑", 11)), Listed));
        Assert.IsType<PasswordVerdict.Accepted>(PasswordRules.Check("पासवर्ड-सुरक्षित", Listed));
    }

    [Theory]
    [InlineData(typeof(PasswordVerdict.TooShort), "at least 12 characters")]
    [InlineData(typeof(PasswordVerdict.Common), "common or breached")]
    [InlineData(typeof(PasswordVerdict.TooLong), "at most 128 characters")]
    [InlineData(typeof(PasswordVerdict.Predictable), "too easy to guess")]
    public void Every_refusal_says_what_to_do(Type verdict, string words)
    {
        var refusal = verdict == typeof(PasswordVerdict.TooShort) ? PasswordRules.Check("short", Listed)
            : verdict == typeof(PasswordVerdict.TooLong) ? PasswordRules.Check(new string('x', 129), Listed)
            : verdict == typeof(PasswordVerdict.Predictable) ? PasswordRules.Check("abcdefghijkl", Listed)
            : PasswordRules.Check("Password2026!", Listed);
        Assert.IsType(verdict, refusal);
        Assert.Contains(words, PasswordRules.Words(refusal), StringComparison.Ordinal);
    }
}
