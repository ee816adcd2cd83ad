using System.Net;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Services;

public sealed class OpdChangesTests(OpdApp app) : IClassFixture<OpdApp>
{
    [Fact]
    public async Task Every_token_change_is_announced_with_its_slot()
    {
        var desk = new Desk(app.CreateClient());
        var slot = await desk.NewSlot();
        var heard = new List<OpdChange>();
        var changes = app.Service<OpdChanges>();
        void Listen(OpdChange change) { lock (heard) { heard.Add(change); } }
        changes.Changed += Listen;
        try
        {
            var token = await desk.Issue("walkin", slot.Id);
            await desk.SetStatus(token.Id, "InConsultation");

            Assert.Equal([(slot.Id, token.Id), (slot.Id, token.Id)], heard.Where(c => c.SlotId == slot.Id).Select(c => (c.SlotId, c.TokenId!.Value)));
        }
        finally
        {
            changes.Changed -= Listen;
        }
    }

    [Fact]
    public async Task A_failing_screen_does_not_turn_a_saved_token_into_an_error()
    {
        var desk = new Desk(app.CreateClient());
        var slot = await desk.NewSlot();
        var changes = app.Service<OpdChanges>();
        void Broken(OpdChange change) => throw new InvalidOperationException("screen gone");
        changes.Changed += Broken;
        try
        {
            var response = await desk.TryIssue("walkin", slot.Id);

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Single((await desk.Queue(slot.Id)).Tokens);
        }
        finally
        {
            changes.Changed -= Broken;
        }
    }
}
