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
    [InlineData("क्\u200Dष")]                 // Devanagari half form with zero-width joiner
    [InlineData("क्\u200Cष")]                 // and with zero-width non-joiner
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
    [InlineData("City\u200BHospital", "invisible")]  // zero-width space
    [InlineData("City\u200E", "invisible")]          // left-to-right mark
    [InlineData("City\u200F", "invisible")]          // right-to-left mark
    [InlineData("\uFEFFCity", "invisible")]          // byte-order mark
    [InlineData("City\u2028Hospital", "invisible")]  // line separator
    [InlineData("City\u2029", "invisible")]          // paragraph separator
    [InlineData("City\u2060", "invisible")]          // word joiner
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

    [Theory]
    [InlineData("desk@city.opd", "desk@city.opd")]
    [InlineData("आशा@city.opd", "आशा@city.opd")]
    [InlineData("a@b\r\n[Warning] Sign-in succeeded for admin", "a@b\\u000D\\u000A[Warning] Sign-in succeeded for admin")]
    [InlineData("tab\there", "tab\\u0009here")]
    [InlineData("nel\u0085line", "nel\\u0085line")]
    [InlineData("line\u2028sep\u2029para", "line\\u2028sep\\u2029para")]
    [InlineData("abc\u202Efdp.exe", "abc\\u202Efdp.exe")]
    [InlineData("\u2066x\u2069", "\\u2066x\\u2069")]
    [InlineData("mark\u200F\u200E\u061C", "mark\\u200F\\u200E\\u061C")]
    [InlineData("nul\0", "nul\\u0000")]
    [InlineData("", "")]
    [InlineData(null, "(none)")]
    public void Text_echoed_in_a_log_shows_every_hiding_character_as_a_visible_escape(string? typed, string logged)
    {
        Assert.Equal(logged, TextRules.ForLog(typed));
    }

    [Theory]
    [InlineData(10, "0123456789", "0123456789")]
    [InlineData(10, "0123456789A", "0123456789…(+1 more)")]
    [InlineData(10, "012345678\n", "012345678…(+1 more)")]
    [InlineData(10, "0123\n6789", "0123\\u000A…(+4 more)")]
    [InlineData(10, "012345678😀", "012345678…(+2 more)")]
    public void Text_echoed_in_a_log_is_cut_at_the_limit_with_a_note_of_what_was_cut(int max, string typed, string logged)
    {
        Assert.Equal(logged, TextRules.ForLog(typed, max));
    }

    [Fact]
    public void Text_echoed_in_a_log_never_leaves_half_a_surrogate_pair_or_a_broken_one_raw()
    {
        Assert.Equal("\\uD800x\\uDC00", TextRules.ForLog("\uD800x\uDC00"));
        Assert.Equal("😀😀", TextRules.ForLog("😀😀", 4));
        Assert.Equal(TextRules.LogLength + "…(+4920 more)".Length, TextRules.ForLog(new string('a', 5000)).Length);
    }
}
