using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class DisplaySpeechTests
{
    private static string Codes(SpeechPlan plan) => string.Join(',', plan.Languages.Select(l => l.Code));

    [Theory]
    [InlineData("off", "off")]
    [InlineData(" OFF ", "off")]
    [InlineData("none", "off")]
    [InlineData("0", "off")]
    [InlineData("on", "on")]
    [InlineData("true", "on")]
    [InlineData("en", "en")]
    [InlineData("en,hi,ta", "en,hi,ta")]
    [InlineData("ta, hi", "ta,hi")]
    [InlineData("EN,Hi", "en,hi")]
    [InlineData("hi-IN,ta-in", "hi,ta")]
    [InlineData("en,en,hi", "en,hi")]
    [InlineData("en,,hi,", "en,hi")]
    public void Speech_settings_are_read_as_off_on_or_languages_in_their_order(string text, string stored) =>
        Assert.Equal(stored, DisplaySpeech.Text(DisplaySpeech.Parse(text)));

    [Theory]
    [InlineData(null, "Say off, on")]
    [InlineData("", "Say off, on")]
    [InlineData(" , ", "Say off, on")]
    [InlineData("fr", "\"fr\" is not a language the display speaks")]
    [InlineData("en,bn", "\"bn\" is not a language")]
    [InlineData("en,hi,ta,en,hi,ta,en,hi,ta,en,hi,ta,en,hi,ta", "At most 40 characters")]
    public void A_speech_setting_not_understood_is_refused_saying_what_is_allowed(string? text, string why)
    {
        var refused = Assert.IsType<SpeechRefused>(DisplaySpeech.Parse(text));
        Assert.Contains(why, refused.Reason, StringComparison.Ordinal);
    }

    [Theory]
    // address, screen, hospital -> languages, source
    [InlineData(null, null, "en", "en", SpeechSource.Hospital)]
    [InlineData(null, null, "off", "", SpeechSource.Hospital)]
    [InlineData(null, "hi,ta", "en", "hi,ta", SpeechSource.Screen)]
    [InlineData(null, "off", "en,hi", "", SpeechSource.Screen)]
    [InlineData("ta", "hi", "en", "ta", SpeechSource.Address)]
    [InlineData("off", "en,hi,ta", "en", "", SpeechSource.Address)]
    [InlineData("en,hi,ta", "off", "off", "en,hi,ta", SpeechSource.Address)]
    [InlineData("on", "hi,ta", "en", "hi,ta", SpeechSource.Address)]
    [InlineData("on", null, "ta", "ta", SpeechSource.Address)]
    [InlineData("on", "off", "off", "en", SpeechSource.Address)]
    public void The_address_wins_over_the_named_screen_which_wins_over_the_hospital(string? address, string? screen, string hospital, string languages, SpeechSource source)
    {
        var plan = DisplaySpeech.Resolve(address, screen, hospital);

        Assert.Equal(languages, Codes(plan));
        Assert.Equal(source, plan.Source);
        Assert.Equal(languages.Length > 0, plan.Speaks);
        Assert.Null(plan.Problem);
    }

    [Fact]
    public void An_address_not_understood_is_passed_over_and_named_never_taken_as_off()
    {
        var plan = DisplaySpeech.Resolve("klingon", "hi", "en");

        Assert.Equal("hi", Codes(plan));
        Assert.Equal(SpeechSource.Screen, plan.Source);
        Assert.Contains("\"klingon\" was not understood", plan.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void With_nothing_understood_the_display_speaks_english()
    {
        var plan = DisplaySpeech.Resolve("xx", null, "yy");

        Assert.Equal("en", Codes(plan));
        Assert.NotNull(plan.Problem);
    }

    [Fact]
    public void A_call_is_said_in_each_language_in_turn_with_the_label_spelled_out_and_the_room()
    {
        var plan = DisplaySpeech.Resolve("en,hi,ta", null, "en");

        var sentences = DisplaySpeech.Sentences(plan, DisplaySpeech.DefaultTemplates, "A014", "101");

        Assert.Equal(
        [
            new Utterance("en", "en-IN", "Token A 0 1 4, Room 101"),
            new Utterance("hi", "hi-IN", "टोकन A 0 1 4, कमरा नंबर 101"),
            new Utterance("ta", "ta-IN", "டோக்கன் A 0 1 4, அறை எண் 101"),
        ], sentences);
    }

    [Fact]
    public void A_hospitals_own_sentence_replaces_the_default_of_its_language_only()
    {
        var templates = new Dictionary<string, string> { ["hi"] = "{token} नंबर, कृपया कमरा {room} में आइए" };

        var sentences = DisplaySpeech.Sentences(DisplaySpeech.Resolve("hi,en", null, "en"), templates, "T7", " 2B ");

        Assert.Equal(["T 7 नंबर, कृपया कमरा 2B में आइए", "Token T 7, Room 2B"], sentences.Select(s => s.Text));
    }

    [Fact]
    public void A_display_that_speaks_nothing_has_no_sentences()
    {
        Assert.Empty(DisplaySpeech.Sentences(DisplaySpeech.Resolve("off", null, "en"), DisplaySpeech.DefaultTemplates, "A1", "1"));
    }

    [Theory]
    [InlineData("en", "Token {token}, Room {room}", null)]
    [InlineData("ta", "{token} — {room}", null)]
    [InlineData("fr", "Jeton {token}, salle {room}", "not a language the display speaks")]
    [InlineData("en", "", "is required")]
    [InlineData("en", "Token {token}", "must say {token} and {room}")]
    [InlineData("hi", "कमरा {room}", "must say {token} and {room}")]
    [InlineData("en", "Token {token},\nRoom {room}", "control characters")]
    public void A_sentence_must_say_the_token_and_the_room_in_a_language_the_display_speaks(string code, string template, string? why)
    {
        var problem = DisplaySpeech.TemplateProblem(code, template);

        if (why is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(why, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_language_has_a_default_sentence_that_passes_its_own_rules()
    {
        Assert.All(DisplaySpeech.Languages, l => Assert.Null(DisplaySpeech.TemplateProblem(l.Code, DisplaySpeech.DefaultTemplates[l.Code])));
    }

    [Theory]
    [InlineData("", "Off (chime only)")]
    [InlineData("ta", "Tamil")]
    [InlineData("en,hi", "English and Hindi")]
    [InlineData("en,hi,ta", "English, Hindi and Tamil")]
    public void Languages_are_named_in_the_admins_words(string codes, string words)
    {
        var languages = codes.Length == 0 ? [] : ((SpeechIn)DisplaySpeech.Parse(codes)).Languages;
        Assert.Equal(words, DisplaySpeech.Words(languages));
    }

    [Theory]
    [InlineData("hall-a", "en,hi", "hall-a", "en,hi")]
    [InlineData(" Hall-A ", "OFF", "hall-a", "off")]
    [InlineData("tv2", "ta-IN, en", "tv2", "ta,en")]
    public void A_named_screen_is_stored_in_lower_case_with_its_languages(string name, string speech, string storedName, string storedSpeech)
    {
        var accepted = Assert.IsType<ScreenAccepted>(DisplayScreenRules.Check(name, speech));

        Assert.Equal((storedName, storedSpeech), (accepted.Name, accepted.Speech));
    }

    [Theory]
    [InlineData(null, "en", "name")]
    [InlineData("", "en", "name")]
    [InlineData("hall a", "en", "name")]
    [InlineData("-hall", "en", "name")]
    [InlineData("hall/a", "en", "name")]
    [InlineData("हॉल", "en", "name")]
    [InlineData("a-name-far-too-long-for-a-tv-remote", "en", "name")]
    [InlineData("hall-a", "on", "speech")]
    [InlineData("hall-a", "fr", "speech")]
    [InlineData("hall-a", null, "speech")]
    [InlineData("hall a", "fr", "name,speech")]
    public void A_screen_name_that_cannot_go_in_an_address_or_speech_not_understood_is_refused_by_field(string? name, string? speech, string fields)
    {
        var refused = Assert.IsType<ScreenRefused>(DisplayScreenRules.Check(name, speech));

        Assert.Equal(fields.Split(','), refused.Errors.Keys.Order());
    }
}
