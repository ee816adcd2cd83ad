using OpdReception.Components.Pages.Patient;
using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Tests.Domain;

public sealed class PatientPageRulesTests
{
    [Theory]
    [InlineData(TokenStatus.Completed, null, 5, null, "Accepted 5 -")]
    [InlineData(TokenStatus.Completed, null, 1, "  Long wait  ", "Accepted 1 Long wait")]
    [InlineData(TokenStatus.Completed, null, 3, "   ", "Accepted 3 -")]
    [InlineData(TokenStatus.Completed, 4, 5, null, "AlreadyAnswered")]
    [InlineData(TokenStatus.Waiting, 4, 5, null, "AlreadyAnswered")]
    [InlineData(TokenStatus.Booked, null, 5, null, "NotSeenYet")]
    [InlineData(TokenStatus.Waiting, null, 5, null, "NotSeenYet")]
    [InlineData(TokenStatus.InConsultation, null, 5, null, "NotSeenYet")]
    [InlineData(TokenStatus.NoShow, null, 5, null, "NotSeenYet")]
    [InlineData(TokenStatus.Cancelled, null, 5, null, "NotSeenYet")]
    [InlineData(TokenStatus.Completed, null, null, "Fine", "NoScore")]
    [InlineData(TokenStatus.Completed, null, 0, null, "NoScore")]
    [InlineData(TokenStatus.Completed, null, 6, null, "NoScore")]
    [InlineData(TokenStatus.Completed, null, -1, null, "NoScore")]
    public void Feedback_is_taken_once_after_the_consultation_with_a_score_from_1_to_5(TokenStatus status, int? answered, int? score, string? comment, string expected)
    {
        var decision = PatientPageRules.Feedback(status, answered, score, comment);

        Assert.Equal(expected, decision switch
        {
            FeedbackDecision.Accepted a => $"Accepted {a.Score} {a.Comment ?? "-"}",
            FeedbackDecision.Refused r => r.Reason.ToString(),
            _ => "?",
        });
    }

    [Fact]
    public void A_comment_longer_than_the_limit_is_refused_and_one_at_the_limit_taken()
    {
        Assert.Equal(new FeedbackDecision.Refused(FeedbackRefusal.CommentTooLong),
            PatientPageRules.Feedback(TokenStatus.Completed, null, 4, new string('a', PatientPageRules.MaxCommentLength + 1)));
        Assert.IsType<FeedbackDecision.Accepted>(PatientPageRules.Feedback(TokenStatus.Completed, null, 4, new string('a', PatientPageRules.MaxCommentLength)));
    }

    [Theory]
    [InlineData(false, false, "Stop")]
    [InlineData(true, true, "Resume")]
    [InlineData(true, false, "AlreadySo True")]
    [InlineData(false, true, "AlreadySo False")]
    public void Messages_stop_or_resume_only_when_that_changes_something(bool optedOut, bool wants, string expected) =>
        Assert.Equal(expected, PatientPageRules.Messages(optedOut, wants) switch
        {
            MessagesDecision.Stop => "Stop",
            MessagesDecision.Resume => "Resume",
            MessagesDecision.AlreadySo a => $"AlreadySo {a.OptedOut}",
            _ => "?",
        });

    [Theory]
    [InlineData("hi", "en", "hi")]
    [InlineData("TA", "en", "ta")]
    [InlineData(null, "hi", "hi")]
    [InlineData("fr", "ta", "ta")]
    [InlineData("fr", "fr", "en")]
    [InlineData(null, null, "en")]
    [InlineData(" hi ", null, "hi")]
    public void The_page_speaks_the_patients_language_else_the_hospitals_else_English(string? patients, string? hospitals, string expected) =>
        Assert.Equal(expected, PatientPageRules.Language(patients, hospitals));

    [Theory]
    [InlineData(TokenStatus.Booked, PatientPageState.Booked)]
    [InlineData(TokenStatus.Waiting, PatientPageState.Waiting)]
    [InlineData(TokenStatus.InConsultation, PatientPageState.Called)]
    [InlineData(TokenStatus.Completed, PatientPageState.Seen)]
    [InlineData(TokenStatus.NoShow, PatientPageState.Absent)]
    [InlineData(TokenStatus.Cancelled, PatientPageState.Cancelled)]
    public void Every_status_has_a_state_the_page_words(TokenStatus status, PatientPageState state) =>
        Assert.Equal(state, PatientPageRules.StateOf(status, new DateOnly(2030, 1, 7), new DateOnly(2030, 1, 7)));

    [Theory]
    [InlineData(TokenStatus.Booked, 1, PatientPageState.Ahead)]
    [InlineData(TokenStatus.Waiting, 1, PatientPageState.Ahead)]
    [InlineData(TokenStatus.Booked, 30, PatientPageState.Ahead)]
    [InlineData(TokenStatus.Booked, -1, PatientPageState.Booked)]
    [InlineData(TokenStatus.Waiting, -1, PatientPageState.Waiting)]
    [InlineData(TokenStatus.InConsultation, 1, PatientPageState.Called)]
    [InlineData(TokenStatus.Completed, 1, PatientPageState.Seen)]
    [InlineData(TokenStatus.NoShow, 1, PatientPageState.Absent)]
    [InlineData(TokenStatus.Cancelled, 1, PatientPageState.Cancelled)]
    public void A_token_for_a_later_day_has_no_place_until_its_day(TokenStatus status, int daysAhead, PatientPageState state)
    {
        var today = new DateOnly(2030, 1, 7);
        Assert.Equal(state, PatientPageRules.StateOf(status, today.AddDays(daysAhead), today));
    }

    [Theory]
    [InlineData("en", "Your token is for Tuesday 8 January. Your place in the queue shows on the day.")]
    [InlineData("ta", "உங்கள் டோக்கன் செவ்வாய் 8 ஜனவரி அன்றுக்கானது. வரிசையில் உங்கள் இடம் அன்று காட்டப்படும்.")]
    public void A_token_booked_for_tomorrow_names_its_day_and_neither_next_nor_an_estimate(string language, string headline)
    {
        var token = new PatientTokenPage("A001", "Dr. Rao", "101", new DateOnly(2030, 1, 8), new TimeOnly(10, 0), TokenStatus.Booked, 1,
            new DateTime(2030, 1, 8, 10, 0, 0), null, new DateTime(2030, 1, 7, 9, 41, 0)) { Language = language };

        var view = PatientPageView.From(token);

        Assert.Equal(("ahead", headline, null), (view.State, view["headline"], view["estimate"]));
        Assert.NotNull(view["checkin"]);
    }

    [Fact]
    public void Every_word_is_written_in_every_language_with_the_same_blanks()
    {
        foreach (var word in Enum.GetValues<Word>())
        {
            var blanks = MessageLanguages.All.Select(l => System.Text.RegularExpressions.Regex.Matches(PatientWords.Say(l, word), @"\{\d\}").Count).Distinct().ToList();
            Assert.Single(blanks);
            Assert.All(MessageLanguages.All, l => Assert.False(string.IsNullOrWhiteSpace(PatientWords.Say(l, word)), $"{word} has no {l} words."));
            Assert.NotEqual(PatientWords.Say("en", word), PatientWords.Say("hi", word));
        }
    }

    [Theory]
    [InlineData("en", "Running 25 min late", "running 25 min late")]
    [InlineData("hi", "Running 25 min late", "25 मिनट देर से चल रहे हैं")]
    [InlineData("ta", "On a break, back at 11:15", "இடைவேளையில் உள்ளார், 11:15 மணிக்குத் திரும்புவார்")]
    [InlineData("en", "On a break, back at 11:15", "on a break, back at 11:15")]
    [InlineData("hi", "Theatre emergency", "Theatre emergency")]
    public void The_doctors_notice_is_said_in_the_patients_words(string language, string notice, string expected) =>
        Assert.Equal(expected, PatientWords.Notice(language, notice));

    [Theory]
    [InlineData("en", null, "Waiting for a new slot: please see the reception desk.")]
    [InlineData("en", 1, "You are next.")]
    [InlineData("en", 2, "1 patient before you.")]
    [InlineData("en", 5, "4 patients before you.")]
    [InlineData("hi", 5, "आपसे पहले 4 मरीज़ हैं।")]
    public void The_place_in_the_queue_in_words(string language, int? position, string expected) =>
        Assert.Equal(expected, PatientWords.Position(language, position));

    [Fact]
    public void A_called_patient_is_told_to_go_in_now_to_the_room_and_shown_no_estimate()
    {
        var token = new PatientTokenPage("A014", "Dr. Rao", "101", new DateOnly(2030, 1, 7), new TimeOnly(9, 0), TokenStatus.InConsultation, null,
            new DateTime(2030, 1, 7, 9, 40, 0), "Running 10 min late", new DateTime(2030, 1, 7, 9, 41, 0));

        var view = PatientPageView.From(token);

        Assert.Equal(("called", "Please go in now — Room 101", null, null), (view.State, view["headline"], view["estimate"], view["notice"]));
        Assert.Equal("Monday 7 January · slot 09:00", view["when"]);
        Assert.Equal("Updated 09:41", view["updated"]);
    }
}
