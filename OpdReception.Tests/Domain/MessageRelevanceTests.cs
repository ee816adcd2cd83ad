using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

/// <summary>Whether a message written earlier is still worth sending when the dispatcher reaches it.</summary>
public sealed class MessageRelevanceTests
{
    private static readonly DateOnly Day = new(2030, 1, 7);
    private static readonly DateTime Now = Day.ToDateTime(new TimeOnly(11, 0));
    private const string Sent = "send";

    public static TheoryData<PatientMessageEvent, TokenStatus, int, string> Table() => new()
    {
        // Called: only while the patient is with the doctor, and only a recent call.
        { PatientMessageEvent.Called, TokenStatus.InConsultation, 0, Sent },
        { PatientMessageEvent.Called, TokenStatus.InConsultation, 10, Sent },
        { PatientMessageEvent.Called, TokenStatus.InConsultation, 11, MessageRelevanceRule.CallTooOld },
        { PatientMessageEvent.Called, TokenStatus.InConsultation, 150, MessageRelevanceRule.CallTooOld },
        { PatientMessageEvent.Called, TokenStatus.Completed, 1, "Not sent: the patient had already been seen." },
        { PatientMessageEvent.Called, TokenStatus.NoShow, 1, "Not sent: the patient had already been marked as not come." },
        { PatientMessageEvent.Called, TokenStatus.Cancelled, 1, "Not sent: the token had been cancelled." },
        { PatientMessageEvent.Called, TokenStatus.Waiting, 1, "Not sent: the call had been undone; the patient is waiting again." },
        { PatientMessageEvent.Called, TokenStatus.Booked, 1, "Not sent: the call had been undone; the patient is waiting again." },

        // Turn near and running late: only while the patient still waits for the call.
        { PatientMessageEvent.TurnNear, TokenStatus.Booked, 60, Sent },
        { PatientMessageEvent.TurnNear, TokenStatus.Waiting, 60, Sent },
        { PatientMessageEvent.TurnNear, TokenStatus.InConsultation, 1, "Not sent: the patient was already with the doctor." },
        { PatientMessageEvent.TurnNear, TokenStatus.Completed, 1, "Not sent: the patient had already been seen." },
        { PatientMessageEvent.TurnNear, TokenStatus.NoShow, 1, "Not sent: the patient had already been marked as not come." },
        { PatientMessageEvent.TurnNear, TokenStatus.Cancelled, 1, "Not sent: the token had been cancelled." },
        { PatientMessageEvent.Delayed, TokenStatus.Booked, 60, Sent },
        { PatientMessageEvent.Delayed, TokenStatus.Waiting, 60, Sent },
        { PatientMessageEvent.Delayed, TokenStatus.InConsultation, 1, "Not sent: the patient was already with the doctor." },
        { PatientMessageEvent.Delayed, TokenStatus.Completed, 1, "Not sent: the patient had already been seen." },

        // Issued, moved and cancelled say something lasting: sent whatever the status, all the token's day.
        { PatientMessageEvent.TokenIssued, TokenStatus.Booked, 150, Sent },
        { PatientMessageEvent.TokenIssued, TokenStatus.Completed, 150, Sent },
        { PatientMessageEvent.Moved, TokenStatus.Waiting, 150, Sent },
        { PatientMessageEvent.Moved, TokenStatus.Cancelled, 1, Sent },
        { PatientMessageEvent.Cancelled, TokenStatus.Cancelled, 150, Sent },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void A_message_goes_only_while_it_is_still_true_of_the_token(PatientMessageEvent what, TokenStatus status, int minutesOld, string expected)
    {
        var decided = MessageRelevanceRule.Decide(what, Now.AddMinutes(-minutesOld), new TokenToday(status, Day), Now);

        Assert.Equal(expected, decided switch
        {
            MessageRelevance.StillTrue => Sent,
            MessageRelevance.Stale stale => stale.Reason,
            _ => throw new InvalidOperationException(),
        });
    }

    [Theory]
    [InlineData(PatientMessageEvent.TokenIssued)]
    [InlineData(PatientMessageEvent.Moved)]
    [InlineData(PatientMessageEvent.Cancelled)]
    [InlineData(PatientMessageEvent.TurnNear)]
    [InlineData(PatientMessageEvent.Called)]
    public void No_message_goes_after_the_token_s_day_is_over(PatientMessageEvent what)
    {
        var justAfterMidnight = Day.AddDays(1).ToDateTime(new TimeOnly(0, 1));
        var status = what == PatientMessageEvent.Called ? TokenStatus.InConsultation : TokenStatus.Waiting;

        var decided = MessageRelevanceRule.Decide(what, justAfterMidnight.AddMinutes(-2), new TokenToday(status, Day), justAfterMidnight);

        Assert.Equal(new MessageRelevance.Stale(MessageRelevanceRule.DayOver), decided);
    }

    [Fact]
    public void A_message_for_a_later_day_s_token_is_still_sent_today()
    {
        var decided = MessageRelevanceRule.Decide(PatientMessageEvent.Moved, Now, new TokenToday(TokenStatus.Booked, Day.AddDays(3)), Now);

        Assert.IsType<MessageRelevance.StillTrue>(decided);
    }

    [Fact]
    public void A_message_whose_token_is_gone_is_not_sent() =>
        Assert.Equal(new MessageRelevance.Stale(MessageRelevanceRule.TokenGone), MessageRelevanceRule.Decide(PatientMessageEvent.TokenIssued, Now, null, Now));

    [Fact]
    public void A_stale_message_says_why_in_the_token_s_history() =>
        Assert.Equal("Not sent: the patient had already been seen.", MessageWords.State(MessageState.Skipped, "Not sent: the patient had already been seen."));
}
