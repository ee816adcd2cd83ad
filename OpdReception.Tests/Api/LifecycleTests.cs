using System.Net;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

public sealed class LifecycleTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    [Fact]
    public async Task Booked_patient_checks_in_is_called_and_completed()
    {
        var slot = await _desk.NewSlot();
        var token = await _desk.Issue("book", slot.Id);

        (await _desk.Client.PostAsync($"/api/tokens/{token.Id}/check-in", null)).EnsureSuccessStatusCode();
        var called = await (await _desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null)).Read<TokenView>();
        var done = await (await _desk.SetStatus(token.Id, "Completed")).Read<TokenView>();

        Assert.Equal((token.Id, TokenStatus.InConsultation), (called.Id, called.Status));
        Assert.Equal(TokenStatus.Completed, done.Status);
        var history = (await _desk.Token(token.Id)).History!;
        Assert.Equal(["Issued", "CheckedIn", "Called", "Completed"], history.Select(e => e.Action));
        Assert.Equal([null, TokenStatus.Booked, TokenStatus.Waiting, TokenStatus.InConsultation], history.Select(e => e.FromStatus));
    }

    [Theory]
    [InlineData("Booked")]
    [InlineData("InConsultation")]
    [InlineData("Completed")]
    public async Task Invalid_transition_from_booked_is_409_and_changes_nothing(string target)
    {
        var slot = await _desk.NewSlot();
        var token = await _desk.Issue("book", slot.Id);

        var response = await _desk.SetStatus(token.Id, target);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var after = await _desk.Token(token.Id);
        Assert.Equal(TokenStatus.Booked, after.Status);
        Assert.Single(after.History!);
    }

    [Fact]
    public async Task Completed_token_cannot_be_cancelled()
    {
        var slot = await _desk.NewSlot();
        var token = await _desk.Issue("walkin", slot.Id);
        await _desk.SetStatus(token.Id, "InConsultation");
        await _desk.SetStatus(token.Id, "Completed");

        var response = await _desk.SetStatus(token.Id, "Cancelled", "changed mind");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_status_word_is_400()
    {
        var slot = await _desk.NewSlot();
        var token = await _desk.Issue("walkin", slot.Id);

        var response = await _desk.SetStatus(token.Id, "Teleported");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Cancel_needs_a_reason_records_it_and_frees_the_seat()
    {
        var slot = await _desk.NewSlot(capacity: 1);
        var token = await _desk.Issue("book", slot.Id);

        var withoutReason = await _desk.Client.DeleteAsync($"/api/tokens/{token.Id}/cancel");
        var withReason = await _desk.Client.DeleteAsync($"/api/tokens/{token.Id}/cancel?reason=Fever%20gone");

        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        var cancelled = await withReason.Read<TokenView>();
        Assert.Equal((TokenStatus.Cancelled, "Fever gone"), (cancelled.Status, cancelled.CancellationReason));
        Assert.Equal(0, (await _desk.GetSlot(slot.Id)).BookedCount);
        Assert.Equal(HttpStatusCode.Created, (await _desk.TryIssue("walkin", slot.Id)).StatusCode);
        var last = (await _desk.Token(token.Id)).History!.Last();
        Assert.Equal(("Cancelled", "Fever gone"), (last.Action, last.Reason));
    }

    [Fact]
    public async Task History_records_the_signed_in_user_who_made_each_change_and_no_header_can_claim_otherwise()
    {
        var slot = await _desk.NewSlot();
        var client = await app.ClientAsAsync(Roles.Receptionist);
        client.DefaultRequestHeaders.Add("X-Opd-User", "desk-2");
        var token = await new Desk(client).Issue("walkin", slot.Id);

        await _desk.SetStatus(token.Id, "NoShow");

        var history = (await _desk.Token(token.Id)).History!;
        var (receptionist, admin) = (await app.UserAsync(Roles.Receptionist), await app.UserAsync(Roles.Admin));
        Assert.Equal([("Test Receptionist", receptionist.Id), ("Test Admin", admin.Id)], history.Select(e => (e.By, e.ByUserId)));
        Assert.All(history, e => Assert.Equal(app.Clock.Now, e.At));
    }

    [Fact]
    public async Task No_show_frees_the_seat()
    {
        var slot = await _desk.NewSlot(capacity: 1);
        var token = await _desk.Issue("walkin", slot.Id);

        await _desk.SetStatus(token.Id, "NoShow");

        Assert.Equal(0, (await _desk.GetSlot(slot.Id)).BookedCount);
        Assert.Empty((await _desk.Queue(slot.Id)).Tokens);
    }

    [Fact]
    public async Task Call_next_takes_the_first_checked_in_patient_skipping_booked_ones_not_yet_here()
    {
        var slot = await _desk.NewSlot();
        await _desk.Issue("priority", slot.Id);
        var booked = await _desk.Issue("book", slot.Id);
        var walkIn = await _desk.Issue("walkin", slot.Id);
        var first = await (await _desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null)).Read<TokenView>();
        await _desk.SetStatus(first.Id, "Completed");

        var second = await (await _desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null)).Read<TokenView>();

        Assert.Equal(walkIn.Id, second.Id);
        Assert.Equal(1, (await _desk.Token(booked.Id)).Position);
    }

    [Fact]
    public async Task Call_next_while_the_doctor_is_busy_is_refused()
    {
        var slot = await _desk.NewSlot();
        await _desk.Issue("walkin", slot.Id);
        await _desk.Issue("walkin", slot.Id);
        await _desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null);

        var response = await _desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("T001", (await response.ReadJson()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Call_next_with_nobody_checked_in_is_refused()
    {
        var slot = await _desk.NewSlot();
        await _desk.Issue("book", slot.Id);

        var response = await _desk.Client.PostAsync($"/api/slots/{slot.Id}/call-next", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Queue_lists_the_patient_in_consultation_first_then_the_waiting_line()
    {
        var slot = await _desk.NewSlot();
        var a = await _desk.Issue("walkin", slot.Id);
        var b = await _desk.Issue("walkin", slot.Id);
        var c = await _desk.Issue("walkin", slot.Id);
        await _desk.SetStatus(a.Id, "InConsultation");
        await _desk.SetStatus(b.Id, "Cancelled", "left");

        var queue = await _desk.Queue(slot.Id);

        Assert.Equal([a.Id, c.Id], queue.Tokens.Select(t => t.Id));
        Assert.Equal([null, 1], queue.Tokens.Select(t => t.Position));
        // Called at 08:00, before the slot: the doctor is free by 08:10, so the slot's first waiting patient is due at its start.
        Assert.Equal(OpdApp.Day.ToDateTime(new TimeOnly(9, 0)), queue.Tokens[1].EstimatedTime);
    }

    [Fact]
    public async Task Unknown_token_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _desk.SetStatus(424242, "Completed")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _desk.Client.GetAsync("/api/tokens/424242")).StatusCode);
    }
}
