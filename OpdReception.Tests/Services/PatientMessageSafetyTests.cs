using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Services;

/// <summary>Messages live and die with their change: a failure on either side leaves neither; erasure and the sweep's cost.</summary>
public sealed class PatientMessageSafetyTests(MessageEventsApp fixture) : IClassFixture<MessageEventsApp>
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

    private async Task PatientAsync(string patientId, string? email = null)
    {
        await using var db = await _app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct);
        await db.Patients.Where(p => p.Id == patientId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Email, email), Ct);
    }

    private async Task<(DoctorView Doctor, SlotView Slot)> DayAsync(string specialization)
    {
        var doctor = await _desk.Doctor(specialization);
        return (doctor, await _desk.Slot(doctor.Id, capacity: 10));
    }

    [Fact]
    public async Task A_message_that_cannot_be_written_takes_the_change_with_it_and_a_change_that_fails_after_its_messages_leaves_none()
    {
        _app.SetTime(8);
        var (_, slot) = await DayAsync("Rollback Cardiology");
        var token = await _desk.Issue("walkin", slot.Id, phone: "+91 98111 00601");
        await using (var db = await _app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct))
        {
            // Real failures of SQLite, inside the change's transaction: one on the message row, one on the admin's record after it.
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER IF NOT EXISTS "fail_cancel_message" BEFORE INSERT ON "OutboxMessages" WHEN NEW."Event" = 'Cancelled' AND NEW."Recipient" = '+91 98111 00601'
                BEGIN SELECT RAISE(ABORT, 'injected message failure'); END
                """, Ct);
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER IF NOT EXISTS "fail_slot_record" BEFORE INSERT ON "AdminChanges" WHEN NEW."Details" LIKE '%injected%'
                BEGIN SELECT RAISE(ABORT, 'injected record failure'); END
                """, Ct);
        }

        await Assert.ThrowsAnyAsync<Exception>(() => _app.Service<ChangeTokenStatus>().CancelAsync(token.Id, "Patient left", _by, Ct));
        var after = await TokenAsync(token.Id);
        Assert.Equal(TokenStatus.Waiting, after.Status);
        Assert.DoesNotContain(after.History, e => e.Action == "Cancelled");

        var other = await _desk.Issue("walkin", slot.Id, name: "Other Rollback", phone: "+91 98111 00602");
        await using (var db = await _app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"fail_cancel_message\";", Ct);
        }

        await Assert.ThrowsAnyAsync<Exception>(() => _app.Service<SlotService>().CancelAsync(slot.Id, "injected", _by, Ct));
        Assert.Empty(await MessagesAsync(other.Id, PatientMessageEvent.Cancelled));
        Assert.Equal(SlotStatus.Open, (await _desk.GetSlot(slot.Id)).Status);
    }

    [Fact]
    public async Task An_issue_whose_message_cannot_be_written_issues_nothing()
    {
        _app.SetTime(8);
        var (_, slot) = await DayAsync("Issue Rollback");
        await using (var db = await _app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER IF NOT EXISTS "fail_issue_message" BEFORE INSERT ON "OutboxMessages" WHEN NEW."Recipient" = '+91 98111 00701'
                BEGIN SELECT RAISE(ABORT, 'injected issue failure'); END
                """, Ct);
        }

        await Assert.ThrowsAnyAsync<Exception>(() => _app.Service<IssueToken>().IssueAsync(
            new IssueRequest(slot.Id, TokenSource.WalkIn, null, "Failing Patient", "+91 98111 00701", NewPatient: true), _by, Ct));

        await using var check = await _app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct);
        Assert.False(await check.Patients.AnyAsync(p => p.Name == "Failing Patient", Ct));
        Assert.False(await check.Tokens.AnyAsync(t => t.SlotId == slot.Id, Ct));
    }

    [Fact]
    public async Task Erasing_a_patient_on_request_erases_where_their_messages_went_and_keeps_what_was_said()
    {
        _app.SetTime(8);
        var (_, slot) = await DayAsync("Erase Cardiology");
        var token = await _desk.Issue("walkin", slot.Id, name: "Erase Me", phone: "+91 98111 00801");
        await PatientAsync(token.PatientId, email: "erase@example.in");
        Assert.True((await _app.Service<ChangeTokenStatus>().CancelAsync(token.Id, "Patient left", _by, Ct)).IsOk);

        Assert.True((await _app.Service<ErasePatients>().EraseAsync(token.PatientId, "Patient asked at the desk", _by, Ct)).IsOk);

        var messages = await MessagesAsync(token.Id);
        // Issued by phone only; cancelled once the email was on record, by both.
        Assert.Equal(3, messages.Count);
        Assert.All(messages, m => Assert.Equal("(erased)", m.Recipient));
        Assert.Contains(messages, m => m.Event == PatientMessageEvent.Cancelled && m.Text.EndsWith("is cancelled: Patient left."));
    }

    [Fact]
    public async Task The_turn_near_sweep_finds_its_days_through_the_open_days_index_and_each_slot_s_tokens_never_the_history()
    {
        await using var db = await _app.Service<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(Ct);

        var plan = await QueryPlan.ExplainAsync(db, TurnNearSweep.DueDays(db, OpdApp.Day));

        Assert.Contains(plan, line => line.Contains("IX_Slots_OpenDays", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("IX_Tokens_SlotId", StringComparison.Ordinal));
        // "SCAN s0" reads the subquery's own few rows; a scan of the slots or tokens themselves would grow with the history.
        Assert.DoesNotContain(plan, line => System.Text.RegularExpressions.Regex.IsMatch(line, "^SCAN (s|t|Slots|Tokens)( |$)"));
    }
}
