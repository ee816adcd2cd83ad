using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

/// <summary>The retry rule, the per-channel rate and the receipts of patient messages.</summary>
public sealed class MessageDeliveryTests
{
    private static readonly RetryPolicy Policy = RetryPolicy.Default;
    private static readonly DateTime Now = new(2030, 1, 7, 10, 0, 0);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 30)]
    [InlineData(3, 90)]
    [InlineData(4, 270)]
    [InlineData(5, 810)]
    [InlineData(6, 900)]
    [InlineData(7, 900)]
    [InlineData(40, 900)]
    public void Backoff_triples_from_ten_seconds_up_to_fifteen_minutes(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), MessageDelivery.Backoff(attempt, Policy));

    [Theory]
    [InlineData(2, 0.0, 24)]
    [InlineData(2, 0.5, 30)]
    [InlineData(2, 0.999999, 36)]
    [InlineData(6, 0.0, 720)]
    [InlineData(6, 0.999999, 900)]
    public void Jitter_spreads_a_wait_over_twenty_percent_either_way_never_past_the_cap(int attempt, double jitter, int seconds) =>
        Assert.Equal(seconds, MessageDelivery.Jittered(attempt, Policy, jitter).TotalSeconds, precision: 3);

    [Fact]
    public void An_accepted_attempt_is_sent_at_that_moment() =>
        Assert.Equal(new DeliveryStep.MarkSent(Now), MessageDelivery.After(3, new AttemptResult.Accepted(), Now, Policy, 0.5));

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 30)]
    [InlineData(7, 900)]
    public void A_refused_attempt_before_the_last_is_tried_again_after_the_backoff(int attempt, int seconds) =>
        Assert.Equal(new DeliveryStep.TryAgain(Now.AddSeconds(seconds), "The SMS gateway answered 500."),
            MessageDelivery.After(attempt, new AttemptResult.NotAccepted("The SMS gateway answered 500."), Now, Policy, 0.5));

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    public void The_last_refused_attempt_gives_up_naming_the_attempts_and_the_last_answer(int attempt) =>
        Assert.Equal(new DeliveryStep.GiveUp($"Gave up after {attempt} attempts. Last answer: The SMS gateway answered 500."),
            MessageDelivery.After(attempt, new AttemptResult.NotAccepted("The SMS gateway answered 500."), Now, Policy, 0.5));

    [Fact]
    public void A_permanent_refusal_gives_up_at_once_with_its_own_reason() =>
        Assert.Equal(new DeliveryStep.GiveUp("'x' is not an email address."),
            MessageDelivery.After(1, new AttemptResult.NotAccepted("'x' is not an email address.", Permanent: true), Now, Policy, 0.5));

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(3, 11 * 60, true)]
    [InlineData(2, 12 * 60, true)]
    [InlineData(0, 12 * 60 + 1, false)]
    [InlineData(5, 24 * 60, false)]
    public void A_message_is_attempted_until_it_is_too_old_to_help(int attemptsSoFar, int minutesOld, bool attempted)
    {
        var claim = MessageDelivery.ClaimFor(attemptsSoFar, Now.AddMinutes(-minutesOld), Now, TimeSpan.FromSeconds(10), Policy);

        if (attempted)
        {
            Assert.Equal(new MessageClaim.Attempt(attemptsSoFar + 1, Now.AddSeconds(40)), claim);
        }
        else
        {
            Assert.Equal(new MessageClaim.TooLate("Not sent within 12 hour(s) of the event, so it is too late to be of use to the patient."), claim);
        }
    }

    [Theory]
    [InlineData(new int[0], 2, 2)]
    [InlineData(new[] { 10 }, 2, 1)]
    [InlineData(new[] { 10, 20 }, 2, 0)]
    [InlineData(new[] { 60, 70 }, 2, 2)]
    [InlineData(new[] { 59, 70 }, 2, 1)]
    [InlineData(new[] { 1, 2, 3 }, 120, 117)]
    public void The_rate_allows_what_the_last_minute_left_room_for(int[] secondsAgo, int perMinute, int mayStart) =>
        Assert.Equal(mayStart, MessageRate.MayStartNow(secondsAgo.Select(s => Now.AddSeconds(-s)), Now, perMinute));

    [Theory]
    [InlineData(new int[0], 2, 0)]
    [InlineData(new[] { 10, 20 }, 2, 40)]
    [InlineData(new[] { 5, 10, 20 }, 2, 50)]
    [InlineData(new[] { 10, 20 }, 1, 50)]
    public void When_the_rate_is_full_the_next_start_is_a_minute_after_the_start_that_filled_it(int[] secondsAgo, int perMinute, int inSeconds) =>
        Assert.Equal(Now.AddSeconds(inSeconds), MessageRate.NextStart(secondsAgo.Select(s => Now.AddSeconds(-s)), Now, perMinute));

    public static TheoryData<MessageState, ReceiptStatus, ReceiptOutcome> Receipts => new()
    {
        { MessageState.Sent, ReceiptStatus.Delivered, new ReceiptOutcome.ToDelivered() },
        { MessageState.Sending, ReceiptStatus.Delivered, new ReceiptOutcome.ToDelivered() },
        { MessageState.Queued, ReceiptStatus.Delivered, new ReceiptOutcome.ToDelivered() },
        { MessageState.Failed, ReceiptStatus.Delivered, new ReceiptOutcome.ToDelivered() },
        { MessageState.Delivered, ReceiptStatus.Delivered, new ReceiptOutcome.Unchanged() },
        { MessageState.Delivered, ReceiptStatus.Failed, new ReceiptOutcome.Unchanged() },
        { MessageState.Failed, ReceiptStatus.Failed, new ReceiptOutcome.Unchanged() },
        { MessageState.Sent, ReceiptStatus.Failed, new ReceiptOutcome.ToFailed("The SMS gateway could not deliver it: DND") },
        { MessageState.Sending, ReceiptStatus.Failed, new ReceiptOutcome.ToFailed("The SMS gateway could not deliver it: DND") },
        { MessageState.Queued, ReceiptStatus.Failed, new ReceiptOutcome.ToFailed("The SMS gateway could not deliver it: DND") },
        { MessageState.Skipped, ReceiptStatus.Delivered, new ReceiptOutcome.Refused("This message was never sent: the patient asked for no messages.") },
        { MessageState.Skipped, ReceiptStatus.Failed, new ReceiptOutcome.Refused("This message was never sent: the patient asked for no messages.") },
    };

    [Theory]
    [MemberData(nameof(Receipts))]
    public void A_receipt_moves_a_message_as_the_table_says(MessageState state, ReceiptStatus status, ReceiptOutcome outcome) =>
        Assert.Equal(outcome, MessageReceipt.Apply(state, status, "DND"));

    [Fact]
    public void A_failed_receipt_without_a_reason_says_none_was_given() =>
        Assert.Equal(new ReceiptOutcome.ToFailed("The SMS gateway could not deliver it: it gave no reason"), MessageReceipt.Apply(MessageState.Sent, ReceiptStatus.Failed, " "));

    [Theory]
    [InlineData(MessageState.Queued, null, null, "Message waiting to be sent")]
    [InlineData(MessageState.Queued, "The SMS gateway answered 500.", null, "Message waiting to be sent again (last try: The SMS gateway answered 500.)")]
    [InlineData(MessageState.Queued, null, "no mail server is set", "Message waiting to be sent: no mail server is set")]
    [InlineData(MessageState.Sending, null, null, "Message being sent")]
    [InlineData(MessageState.Sent, null, null, "Message sent")]
    [InlineData(MessageState.Delivered, null, null, "Message delivered to the patient")]
    [InlineData(MessageState.Failed, "Gave up after 8 attempts.", null, "Message failed: Gave up after 8 attempts.")]
    [InlineData(MessageState.Skipped, null, null, "Message not sent: the patient asked for no messages")]
    public void Every_state_is_said_in_words(MessageState state, string? lastError, string? notSetUp, string words) =>
        Assert.Equal(words, MessageWords.State(state, lastError, notSetUp));

    [Theory]
    [InlineData("+91 98765 43210", "••••••3210")]
    [InlineData("9876543210", "••••••3210")]
    [InlineData("1234", "1234")]
    [InlineData("asha.verma@example.org", "••••••••ma@example.org")]
    [InlineData("ashaaa@example.org", "••••aa@example.org")]
    [InlineData("ashaa@example.org", "••••@example.org")]
    [InlineData("hb@example.org", "••••@example.org")]
    [InlineData("h@example.org", "••••@example.org")]
    public void A_recipient_is_masked_to_its_last_digits(string recipient, string masked) =>
        Assert.Equal(masked, MessageWords.Masked(recipient));

    [Fact]
    public void Every_event_and_channel_has_words()
    {
        Assert.All(Enum.GetValues<PatientMessageEvent>(), e => Assert.NotEqual(e.ToString(), MessageWords.Event(e)));
        Assert.Equal(["SMS / WhatsApp", "Email"], Enum.GetValues<MessageChannel>().Select(MessageWords.Channel));
    }

    [Theory]
    [InlineData(PatientMessageEvent.Called, "en", "Called in")]
    [InlineData(PatientMessageEvent.Called, "hi", "अभी अंदर आइए")]
    [InlineData(PatientMessageEvent.Called, "ta", "இப்போது உள்ளே வாருங்கள்")]
    [InlineData(PatientMessageEvent.TokenIssued, "hi", "टोकन जारी हुआ")]
    [InlineData(PatientMessageEvent.Cancelled, "ta", "டோக்கன் ரத்து")]
    public void An_email_subject_is_in_the_message_s_language(PatientMessageEvent what, string language, string subject) =>
        Assert.Equal(subject, MessageWords.Subject(what, language));

    [Fact]
    public void Every_event_has_subject_words_of_its_own_in_Hindi_and_Tamil()
    {
        foreach (var language in new[] { "hi", "ta" })
        {
            var subjects = Enum.GetValues<PatientMessageEvent>().Select(e => MessageWords.Subject(e, language)).ToList();
            Assert.Equal(subjects.Count, subjects.Distinct().Count());
            Assert.All(subjects, s => Assert.DoesNotContain(s, Enum.GetValues<PatientMessageEvent>().Select(MessageWords.Event)));
        }
    }
}
