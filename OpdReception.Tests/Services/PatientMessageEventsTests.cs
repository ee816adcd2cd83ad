using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Services;

/// <summary>Every change a patient should hear about writes its outbox rows, over the real SQLite file, in the change's own transaction.</summary>
public sealed class PatientMessageEventsTests(MessageEventsApp fixture) : IClassFixture<MessageEventsApp>
{
    private readonly OpdApp _app = fixture.App;
    private readonly Desk _desk = new(fixture.App.CreateClient());
    private readonly Actor _by = new("Test desk");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<OutboxMessage>> MessagesAsync(int tokenId, PatientMessageEvent? only = null)
    {
        await using var db = await _app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.TokenId == tokenId && (only == null || m.Event == only)).OrderBy(m => m.Id).ToListAsync(Ct);
    }

    private async Task<Token> TokenAsync(int tokenId)
    {
        await using var db = await _app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct);
        return await db.Tokens.AsNoTracking().Include(t => t.History).SingleAsync(t => t.Id == tokenId, Ct);
    }

    private async Task PatientAsync(string patientId, string? language = null, string? email = null, bool optOut = false)
    {
        await using var db = await _app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct);
        await db.Patients.Where(p => p.Id == patientId).ExecuteUpdateAsync(
            s => s.SetProperty(p => p.Language, language).SetProperty(p => p.Email, email).SetProperty(p => p.MessagesOptOut, optOut), Ct);
    }

    private async Task<(DoctorView Doctor, SlotView Slot)> DayAsync(string specialization, string start = "09:00", string end = "10:00")
    {
        var doctor = await _desk.Doctor(specialization);
        return (doctor, await _desk.Slot(doctor.Id, start, end, capacity: 10));
    }

    [Fact]
    public async Task An_issued_token_queues_one_message_with_the_label_and_the_patient_page_link()
    {
        _app.SetTime(8);
        var (doctor, slot) = await DayAsync("Issue Cardiology");
        var token = await _desk.Issue("walkin", slot.Id, phone: "+91 98111 00001");

        var message = Assert.Single(await MessagesAsync(token.Id));
        var code = (await TokenAsync(token.Id)).Code;
        Assert.Equal(PatientMessageEvent.TokenIssued, message.Event);
        Assert.Equal((MessageChannel.Webhook, "+91 98111 00001", "en", MessageState.Queued), (message.Channel, message.Recipient, message.Language, message.State));
        Assert.Equal(token.TokenNumber, message.TokenNumber);
        Assert.Equal($"City Hospital OPD: token {token.TokenNumber} with {doctor.Name}, 7 Jan, session from 09:00. Follow your turn: {MessageEventsApp.BaseUrl}/t/{code}",
            message.Text);
        Assert.True(Guid.TryParse(message.MessageId, out _));
    }

    [Fact]
    public async Task A_patient_with_an_email_and_Hindi_on_record_gets_the_same_Hindi_text_by_both_channels_with_two_ids()
    {
        _app.SetTime(8);
        var (_, first) = await DayAsync("Hindi Cardiology");
        var earlier = await _desk.Issue("walkin", first.Id, name: "Sunita Devi", phone: "+91 98111 00002");
        await PatientAsync(earlier.PatientId, "hi", "sunita@example.in");
        var (_, second) = await DayAsync("Hindi Neurology");

        var token = await _desk.Issue("walkin", second.Id, earlier.PatientId, "Sunita Devi", "+91 98111 00002");

        var messages = await MessagesAsync(token.Id);
        Assert.Equal([MessageChannel.Webhook, MessageChannel.Email], messages.Select(m => m.Channel));
        Assert.Equal(["+91 98111 00002", "sunita@example.in"], messages.Select(m => m.Recipient));
        Assert.All(messages, m => Assert.Equal("hi", m.Language));
        Assert.All(messages, m => Assert.Contains($"आपका टोकन {token.TokenNumber}", m.Text));
        Assert.Equal(messages[0].Text, messages[1].Text);
        Assert.NotEqual(messages[0].MessageId, messages[1].MessageId);
    }

    [Fact]
    public async Task Call_next_a_chosen_token_and_a_recall_each_tell_the_patient_to_go_to_the_room_in_Tamil()
    {
        _app.SetTime(9);
        var (doctor, slot) = await DayAsync("Call Cardiology");
        var first = await _desk.Issue("walkin", slot.Id, name: "Kavya Raman", phone: "+91 98111 00003");
        var second = await _desk.Issue("walkin", slot.Id, name: "Arun Kumar", phone: "+91 98111 00004");
        await PatientAsync(first.PatientId, "ta");

        Assert.True((await _app.Service<CallNext>().CallNextAsync(slot.Id, _by, Ct)).IsOk);
        var console = _app.Service<ConsoleService>();
        Assert.True((await console.NotHereAsync(doctor.Id, first.Id, _by, Ct)).IsOk);
        Assert.True((await _app.Service<ChangeTokenStatus>().ChangeStatusAsync(second.Id, TokenStatus.InConsultation, null, _by, Ct)).IsOk);
        Assert.True((await console.CompleteAsync(doctor.Id, second.Id, _by, Ct)).IsOk);
        Assert.True((await console.RecallAsync(doctor.Id, first.Id, _by, Ct)).IsOk);

        var tamil = await MessagesAsync(first.Id, PatientMessageEvent.Called);
        Assert.Equal(2, tamil.Count);
        Assert.All(tamil, m => Assert.Equal($"City Hospital OPD: டோக்கன் {first.TokenNumber}, தயவுசெய்து இப்போதே அறை 101க்கு செல்லுங்கள்.", m.Text));
        var english = Assert.Single(await MessagesAsync(second.Id, PatientMessageEvent.Called));
        Assert.Equal($"City Hospital OPD: token {second.TokenNumber}, please go to Room 101 now.", english.Text);
    }

    [Fact]
    public async Task A_desk_cancellation_tells_the_patient_the_desk_s_reason()
    {
        _app.SetTime(8);
        var (doctor, slot) = await DayAsync("Cancel Cardiology");
        var token = await _desk.Issue("walkin", slot.Id, phone: "+91 98111 00005");

        Assert.True((await _app.Service<ChangeTokenStatus>().CancelAsync(token.Id, "Patient went home", _by, Ct)).IsOk);

        var message = Assert.Single(await MessagesAsync(token.Id, PatientMessageEvent.Cancelled));
        Assert.Equal($"City Hospital OPD: token {token.TokenNumber} with {doctor.Name} on 7 Jan is cancelled: Patient went home.", message.Text);
    }

    [Fact]
    public async Task A_move_tells_the_new_doctor_time_and_label()
    {
        _app.SetTime(8);
        var (_, slot) = await DayAsync("Move Cardiology");
        var (other, target) = await DayAsync("Move Cardiology", "11:00", "12:00");
        var token = await _desk.Issue("walkin", slot.Id, phone: "+91 98111 00006");

        var moved = await _app.Service<MoveToken>().MoveAsync(token.Id, target.Id, _by, Ct);

        Assert.True(moved.IsOk);
        var message = Assert.Single(await MessagesAsync(token.Id, PatientMessageEvent.Moved));
        Assert.Equal(moved.Value!.TokenNumber, message.TokenNumber);
        Assert.StartsWith($"City Hospital OPD: your visit has moved. New token {moved.Value.TokenNumber} with {other.Name}, 7 Jan, expected about 11:00.",
            message.Text);
    }

    [Fact]
    public async Task A_leave_moves_whom_it_can_and_asks_the_rest_to_call_the_desk_on_its_phone()
    {
        _app.SetTime(8);
        var (away, slot) = await DayAsync("Leave Cardiology");
        var colleague = await _desk.Doctor("Leave Cardiology");
        await _desk.Slot(colleague.Id, "10:00", "11:00", capacity: 2);
        var tokens = new List<TokenView>();
        for (var i = 0; i < 4; i++)
        {
            tokens.Add(await _desk.Issue("walkin", slot.Id, name: $"Leave Patient {i}", phone: $"+91 98111 0010{i}"));
        }

        var leave = await _app.Service<TakeLeave>().ConfirmAsync(new LeaveRequest(away.Id, OpdApp.Day, OpdApp.Day, "Conference"), _by, Ct);

        Assert.True(leave.IsOk);
        var going = Assert.Single(leave.Value!.Slots);
        Assert.Equal((2, 2), (going.Moving, going.NotPlaced));
        var moved = going.Done!.Moved.Select(m => m.TokenId).ToHashSet();
        foreach (var token in tokens)
        {
            var message = Assert.Single(await MessagesAsync(token.Id), m => m.Event != PatientMessageEvent.TokenIssued);
            if (moved.Contains(token.Id))
            {
                Assert.Equal(PatientMessageEvent.Moved, message.Event);
            }
            else
            {
                Assert.Equal(PatientMessageEvent.Cancelled, message.Event);
                Assert.Equal($"City Hospital OPD: {away.Name} is on leave, so token {token.TokenNumber} on 7 Jan is cancelled. " +
                    $"Please call the desk on {MessageEventsApp.DeskPhone} for a new time.", message.Text);
            }
        }
    }

    [Fact]
    public async Task A_delay_is_told_once_it_adds_up_to_the_notice_minutes_and_not_again_for_a_small_step()
    {
        _app.SetTime(8);
        var (_, slot) = await DayAsync("Delay Cardiology");
        var first = await _desk.Issue("walkin", slot.Id, name: "Delay One", phone: "+91 98111 00201");
        var second = await _desk.Issue("walkin", slot.Id, name: "Delay Two", phone: "+91 98111 00202");
        var slots = _app.Service<SlotService>();

        Assert.True((await slots.DelayAsync(slot.Id, 10, Ct)).IsOk);
        Assert.Empty(await MessagesAsync(first.Id, PatientMessageEvent.Delayed));
        Assert.Equal(10, (await TokenAsync(first.Id)).UntoldDelayMinutes);

        Assert.True((await slots.DelayAsync(slot.Id, 20, Ct)).IsOk);
        var told = Assert.Single(await MessagesAsync(first.Id, PatientMessageEvent.Delayed));
        Assert.Contains($"Token {first.TokenNumber} is now expected about 09:20, 20 min later than before", told.Text);
        Assert.Contains("expected about 09:30 (09:22–09:44), 20 min later than before", Assert.Single(await MessagesAsync(second.Id, PatientMessageEvent.Delayed)).Text);
        Assert.Null((await TokenAsync(first.Id)).UntoldDelayMinutes);

        Assert.True((await slots.DelayAsync(slot.Id, 25, Ct)).IsOk);
        Assert.Single(await MessagesAsync(first.Id, PatientMessageEvent.Delayed));
        Assert.Equal(5, (await TokenAsync(first.Id)).UntoldDelayMinutes);
    }

    [Fact]
    public async Task Turn_near_is_sent_once_per_token_as_others_are_called_and_finished()
    {
        _app.SetTime(9);
        var (doctor, slot) = await DayAsync("Near Cardiology");
        var tokens = new List<TokenView>();
        for (var i = 0; i < 5; i++)
        {
            tokens.Add(await _desk.Issue("walkin", slot.Id, name: $"Near Patient {i}", phone: $"+91 98111 0030{i}"));
        }

        Assert.True((await _app.Service<CallNext>().CallNextAsync(slot.Id, _by, Ct)).IsOk);
        var near = new List<int>();
        foreach (var token in tokens)
        {
            near.Add((await MessagesAsync(token.Id, PatientMessageEvent.TurnNear)).Count);
        }

        Assert.Equal([0, 1, 1, 1, 0], near);
        Assert.True((await _app.Service<ConsoleService>().CompleteAsync(doctor.Id, tokens[0].Id, _by, Ct)).IsOk);
        Assert.True((await _app.Service<CallNext>().CallNextAsync(slot.Id, _by, Ct)).IsOk);
        await _app.Service<TurnNearSweep>().SweepAsync(Ct);

        foreach (var token in tokens.Skip(1))
        {
            var message = Assert.Single(await MessagesAsync(token.Id, PatientMessageEvent.TurnNear));
            Assert.Contains("your turn is near", message.Text);
        }
    }

    [Fact]
    public async Task As_time_passes_the_sweep_tells_a_booked_patient_once_their_time_is_near()
    {
        _app.SetTime(8);
        var (_, slot) = await DayAsync("Sweep Cardiology", "11:00", "12:00");
        var token = await _desk.Issue("book", slot.Id, phone: "+91 98111 00401");
        var sweep = _app.Service<TurnNearSweep>();

        _app.SetTime(10, 40);
        await sweep.SweepAsync(Ct);
        Assert.Empty(await MessagesAsync(token.Id, PatientMessageEvent.TurnNear));

        _app.SetTime(10, 45);
        Assert.True(await sweep.SweepAsync(Ct) >= 1);
        await sweep.SweepAsync(Ct);
        var message = Assert.Single(await MessagesAsync(token.Id, PatientMessageEvent.TurnNear));
        Assert.Contains("expected about 11:00", message.Text);
        Assert.NotNull((await TokenAsync(token.Id)).TurnNearAt);
    }

    [Fact]
    public async Task A_patient_who_opted_out_gets_skipped_rows_and_a_history_line_and_the_doctor_can_still_undo_the_call()
    {
        _app.SetTime(9);
        var (doctor, slot) = await DayAsync("Optout Cardiology");
        var earlier = await _desk.Issue("walkin", (await DayAsync("Optout Neurology")).Slot.Id, name: "Quiet Patient", phone: "+91 98111 00501");
        await PatientAsync(earlier.PatientId, email: "quiet@example.in", optOut: true);

        var token = await _desk.Issue("walkin", slot.Id, earlier.PatientId, "Quiet Patient", "+91 98111 00501");
        var doctorActor = new Actor("Dr Quiet", "quiet-doctor");
        Assert.True((await _app.Service<ConsoleService>().CallNextAsync(doctor.Id, doctorActor, Ct)).IsOk);

        var messages = await MessagesAsync(token.Id);
        Assert.Equal(4, messages.Count);
        Assert.All(messages, m => Assert.Equal(MessageState.Skipped, m.State));
        var lines = (await TokenAsync(token.Id)).History.Where(e => e.Action == MessageRules.SkippedAction).Select(e => e.Reason).ToList();
        Assert.Equal(["Message not sent (token issued): the patient asked for no messages", "Message not sent (called in): the patient asked for no messages"], lines);

        // The line about the skipped message is not a change to the token: the call can still be taken back.
        Assert.True((await _app.Service<ConsoleService>().UndoAsync(doctor.Id, doctorActor, Ct)).IsOk);
        Assert.Equal(TokenStatus.Waiting, (await TokenAsync(token.Id)).Status);
    }
}
