using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Components.Pages.Reception;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Reception;

/// <summary>The board's History dialog lists the messages sent to the patient about the token, and what became of each.</summary>
public sealed class HistoryMessagesTests(OpdApp app) : DeskContext(app)
{
    [Fact]
    public async Task History_shows_each_message_to_the_patient_with_its_state_in_words()
    {
        var doctor = await Desk.Doctor();
        var token = await Desk.Issue("book", (await Desk.Slot(doctor.Id)).Id, phone: null);
        var delivered = OutboxRows.Message(token.Id, App.Clock.Now, what: PatientMessageEvent.TokenIssued, state: MessageState.Delivered);
        delivered.DeliveredAt = App.Clock.Now;
        var failed = OutboxRows.Message(token.Id, App.Clock.Now, what: PatientMessageEvent.Called, state: MessageState.Failed);
        failed.LastError = "Gave up after 8 attempts. Last answer: The SMS gateway answered 503 (Service Unavailable).";
        var skipped = OutboxRows.Message(token.Id, App.Clock.Now, channel: MessageChannel.Email, what: PatientMessageEvent.Moved, state: MessageState.Skipped);
        await OutboxRows.AddAsync(App.Services.GetRequiredService<IDbContextFactory<OpdDbContext>>(), delivered, failed, skipped);

        var board = BoardTests.Board(this, doctor.Id);
        BoardTests.Action(board, board.WaitForElement("[data-testid=queue] tr[data-token=T001]"), RowAction.History).Click();

        Dialogs.WaitForElement("[data-testid=history-messages]");
        var rows = Dialogs.FindAll("[data-testid=history-messages] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains("Token issued", rows[0]);
        Assert.Contains("Message delivered to the patient", rows[0]);
        Assert.Contains("Called in", rows[1]);
        Assert.Contains("Message failed: Gave up after 8 attempts. Last answer: The SMS gateway answered 503 (Service Unavailable).", rows[1]);
        Assert.Contains("Email", rows[2]);
        Assert.Contains("Message not sent: the patient asked for no messages", rows[2]);
    }
}
