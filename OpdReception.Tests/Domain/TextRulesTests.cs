using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("Asha Verma")]
    [InlineData("आशा वर्मा")]                 // Devanagari
    [InlineData("क्षत्रिय")]                   // conjunct with virama
    [InlineData("ஆஷா வர்மா")]                // Tamil
    [InlineData("آشا ورما")]                 // Arabic
    [InlineData("আশা ভার্মা")]               // Bengali
    [InlineData("ന്‍")]                        // Malayalam chillu with zero-width joiner
    [InlineData("O'Brien-Smith, Jr.")]
    [InlineData("Room 12B / East wing")]
    [InlineData("😀 emoji pair")]
    public void Every_script_is_welcome(string text)
    {
        Assert.Null(TextRules.Problem(text));
    }

    [Theory]
    [InlineData("Asha\0Verma", "NUL")]
    [InlineData("Asha\tVerma", "control")]
    [InlineData("Asha\nVerma", "control")]
    [InlineData("\u0007", "control")]
    [InlineData("\u007F", "control")]
    [InlineData("\u0085", "control")]
    [InlineData("abc\u202Efdp.exe", "direction")]  // right-to-left override
    [InlineData("\u202A", "direction")]
    [InlineData("\u202B", "direction")]
    [InlineData("\u202C", "direction")]
    [InlineData("\u202D", "direction")]
    [InlineData("\u2066x\u2069", "direction")]  // isolates
    [InlineData("\u2067", "direction")]
    [InlineData("\u2068", "direction")]
    [InlineData("\uFFFF", "not valid")]
    public void Characters_that_hide_or_reorder_text_are_refused(string text, string because)
    {
        Assert.Contains(because, TextRules.Problem(text));
    }

    /// <summary>A Fact, not a theory row: test runners rewrite broken surrogates when they report a row's arguments.</summary>
    [Fact]
    public void Broken_surrogate_pairs_are_refused()
    {
        Assert.Contains("not valid", TextRules.Problem("\uD800"));
        Assert.Contains("not valid", TextRules.Problem("a\uDC00"));
        Assert.Contains("not valid", TextRules.Problem("\uDC00\uD800"));
        Assert.Null(TextRules.Problem("\uD83D\uDE00"));
    }
}
