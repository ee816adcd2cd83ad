using System.Text;
using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class MessageTextTests
{
    public static TheoryData<MessageKind, string> EveryTemplate()
    {
        var data = new TheoryData<MessageKind, string>();
        foreach (var kind in Enum.GetValues<MessageKind>())
        {
            foreach (var language in MessageLanguages.All)
            {
                data.Add(kind, language);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTemplate))]
    public void Every_default_wording_passes_the_check_an_admin_s_wording_must_pass(MessageKind kind, string language)
    {
        var text = MessageTemplates.Default(kind, language);

        var accepted = Assert.IsType<WordingAccepted>(MessageText.Check(kind, text, null));
        Assert.Equal(text, accepted.Text);
        Assert.Contains("{label}", text);
    }

    [Theory]
    [MemberData(nameof(EveryTemplate))]
    public void A_Hindi_or_Tamil_default_is_written_in_its_own_script(MessageKind kind, string language)
    {
        var text = MessageTemplates.Default(kind, language);
        var script = language switch
        {
            "hi" => text.Any(c => c is >= '\u0900' and <= '\u097F'),
            "ta" => text.Any(c => c is >= '\u0B80' and <= '\u0BFF'),
            _ => text.All(c => c < 128),
        };
        Assert.True(script, $"{kind} in {language}: {text}");
    }

    [Theory]
    [InlineData(MessageKind.Called, "", "text", "Write the message")]
    [InlineData(MessageKind.Called, "   ", "text", "Write the message")]
    [InlineData(MessageKind.Called, "Token {lable}, go in", "text", "{lable} is not a value this message has")]
    [InlineData(MessageKind.Called, "Token {label}: {reason}", "text", "{reason} is not a value this message has")]
    [InlineData(MessageKind.TokenIssued, "Late by {minutes}", "text", "{minutes} is not a value")]
    [InlineData(MessageKind.Called, "Token {label", "text", "is not closed")]
    [InlineData(MessageKind.Called, "Token {label {room}", "text", "is not closed")]
    [InlineData(MessageKind.Called, "Token label}", "text", "has no {")]
    [InlineData(MessageKind.Called, "Token {1}", "text", "is not a placeholder")]
    [InlineData(MessageKind.Called, "Token {}", "text", "is not a placeholder")]
    [InlineData(MessageKind.Called, "Token {la bel}", "text", "is not a placeholder")]
    [InlineData(MessageKind.Called, "Token\u0007{label}", "text", "control character")]
    [InlineData(MessageKind.Called, "Token {label}\u202E won nioj", "text", "reverse or reorder the text direction")]
    [InlineData(MessageKind.Called, "Token \u2066{label}\u2069 now", "text", "reverse or reorder the text direction")]
    [InlineData(MessageKind.Called, "Token {label}\u202A now", "text", "reverse or reorder the text direction")]
    [InlineData(MessageKind.Called, "Token \u200F{label} now", "text", "direction marks")]
    [InlineData(MessageKind.Called, "Token \u200B{label} now", "text", "invisible characters")]
    public void A_wording_with_a_mistake_is_refused_with_the_field_and_why(MessageKind kind, string text, string field, string why)
    {
        var refused = Assert.IsType<WordingRefused>(MessageText.Check(kind, text, null));
        Assert.Equal(field, refused.Field);
        Assert.Contains(why, refused.Reason);
    }

    [Fact]
    public void A_wording_longer_than_the_limit_is_refused_and_one_at_the_limit_is_accepted()
    {
        var atLimit = "{label}" + new string('x', MessageText.MaxTemplateLength - 7);
        Assert.IsType<WordingAccepted>(MessageText.Check(MessageKind.Called, atLimit, null));
        var refused = Assert.IsType<WordingRefused>(MessageText.Check(MessageKind.Called, atLimit + "x", null));
        Assert.Contains($"at most {MessageText.MaxTemplateLength}", refused.Reason);
    }

    [Theory]
    [InlineData(MessageKind.Cancelled, "{reason} {deskPhone}")]
    [InlineData(MessageKind.CancelledDoctorAway, "{reason} {deskPhone} {hospital}")]
    [InlineData(MessageKind.Delayed, "{minutes} {time} {link}")]
    [InlineData(MessageKind.Called, "टोकन {label}, {room}")]
    public void A_wording_using_only_its_own_values_is_accepted_trimmed(MessageKind kind, string text)
    {
        var accepted = Assert.IsType<WordingAccepted>(MessageText.Check(kind, "  " + text + "  ", null));
        Assert.Equal(text, accepted.Text);
    }

    [Theory]
    [InlineData("1207161234567890123", true)]
    [InlineData(" 1207161234567890123 ", true)]
    [InlineData("", true)]
    [InlineData(null, true)]
    [InlineData("1207-1612", false)]
    [InlineData("12071612345678901231207161234567890123123", false)]
    public void A_DLT_template_id_is_letters_and_digits_as_the_portal_gives_it(string? dlt, bool accepted)
    {
        var check = MessageText.Check(MessageKind.Called, "Token {label}", dlt);
        if (accepted)
        {
            Assert.Equal(string.IsNullOrWhiteSpace(dlt) ? null : dlt.Trim(), Assert.IsType<WordingAccepted>(check).DltTemplateId);
        }
        else
        {
            Assert.Equal("dltTemplateId", Assert.IsType<WordingRefused>(check).Field);
        }
    }

    [Fact]
    public void Rendering_fills_each_value_and_leaves_a_name_without_one_as_written()
    {
        var text = MessageText.Render("Token {label} to {room}; {unknown}", new Dictionary<string, string> { ["label"] = "A014", ["room"] = "Room 101" });

        Assert.Equal("Token A014 to Room 101; {unknown}", text);
    }

    [Fact]
    public void Hindi_and_Tamil_text_comes_out_exactly_as_written_code_point_for_code_point()
    {
        var values = new Dictionary<string, string> { ["label"] = "A014", ["room"] = "कमरा 101" };

        var hindi = MessageText.Render("टोकन {label}, कृपया अभी {room} में जाएँ।", values);
        var tamil = MessageText.Render("டோக்கன் {label}, தயவுசெய்து இப்போதே {room}க்கு செல்லுங்கள்.",
            new Dictionary<string, string> { ["label"] = "A014", ["room"] = "அறை 101" });

        Assert.Equal("टोकन A014, कृपया अभी कमरा 101 में जाएँ।", hindi);
        Assert.Equal(Encoding.UTF8.GetBytes("टोकन A014, कृपया अभी कमरा 101 में जाएँ।"), Encoding.UTF8.GetBytes(hindi));
        Assert.Equal(Encoding.UTF8.GetBytes("டோக்கன் A014, தயவுசெய்து இப்போதே அறை 101க்கு செல்லுங்கள்."), Encoding.UTF8.GetBytes(tamil));
        Assert.True(hindi.IsNormalized() && tamil.IsNormalized());
    }

    [Fact]
    public void A_text_longer_than_the_outbox_holds_is_cut_short_without_splitting_a_character()
    {
        // 😀 is two UTF-16 units: a cut at an odd place would leave half of it.
        var values = new Dictionary<string, string> { ["reason"] = string.Concat(Enumerable.Repeat("😀", 600)) };

        var text = MessageText.Render("{reason}", values);

        Assert.Equal(MessageText.MaxRenderedLength - 1, text.Length);
        Assert.EndsWith("…", text);
        Assert.False(char.IsHighSurrogate(text[^2]));
        Assert.Equal(text, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)));
    }
}
