using System.Net;
using System.Net.Http.Json;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>
/// A token's label is unique within its doctor's day: one run across all of the doctor's slots of that day, kept
/// when the patient moves within the day, the next of the other day when they move to another doctor or day.
/// </summary>
public sealed class LabelsTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    private async Task<ReallocationResult> Reallocate(int slotId, int targetSlotId)
    {
        var response = await _desk.Client.Post($"/api/tokens/reallocate/{slotId}?targetSlotId={targetSlotId}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Read<ReallocationResult>();
    }

    private async Task<DoctorView> DoctorWithPrefix(string prefix)
    {
        var response = await _desk.Client.Post("/api/doctors",
            new { name = $"Dr. {Guid.NewGuid():N}"[..12], specialization = "Nephrology", opdDays = Enum.GetNames<DayOfWeek>(), room = "7", labelPrefix = prefix });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Read<DoctorView>();
    }

    [Fact]
    public async Task Two_slots_of_one_doctor_the_same_day_continue_one_run_of_labels_instead_of_restarting_at_T001()
    {
        var doctor = await _desk.Doctor();
        var nine = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var ten = await _desk.Slot(doctor.Id, "10:00", "11:00");

        var first = new[] { await _desk.Issue("walkin", nine.Id), await _desk.Issue("book", nine.Id) };
        var second = new[] { await _desk.Issue("walkin", ten.Id), await _desk.Issue("book", ten.Id) };

        Assert.Equal(["T001", "T002"], first.Select(t => t.TokenNumber));
        Assert.Equal(["T003", "T004"], second.Select(t => t.TokenNumber));
        var tenQueue = await _desk.Queue(ten.Id);
        Assert.Equal(["T003", "T004"], tenQueue.Tokens.Select(t => t.TokenNumber).Order());
    }

    [Fact]
    public async Task Another_doctor_and_another_day_each_start_their_own_run_at_T001()
    {
        var doctor = await _desk.Doctor();
        await _desk.Issue("walkin", (await _desk.Slot(doctor.Id)).Id);

        var colleague = await _desk.Issue("walkin", (await _desk.NewSlot()).Id);
        var tomorrow = await _desk.Issue("book", (await _desk.Slot(doctor.Id, date: OpdApp.Day.AddDays(1))).Id);

        Assert.Equal(("T001", "T001"), (colleague.TokenNumber, tomorrow.TokenNumber));
    }

    [Fact]
    public async Task A_move_within_the_doctors_day_keeps_the_label_and_the_next_token_does_not_reuse_it()
    {
        var doctor = await _desk.Doctor();
        var nine = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var ten = await _desk.Slot(doctor.Id, "10:00", "11:00");
        var moving = await _desk.Issue("book", nine.Id);
        await _desk.Issue("book", ten.Id);

        var moved = await app.Service<MoveToken>().MoveAsync(moving.Id, ten.Id, new Actor("desk"), TestContext.Current.CancellationToken);

        Assert.True(moved.IsOk, moved.Problem?.Detail);
        Assert.Equal((ten.Id, "T001", null), (moved.Value!.SlotId, moved.Value.TokenNumber, moved.Value.PreviousTokenNumber));
        Assert.Equal("T003", (await _desk.Issue("walkin", nine.Id)).TokenNumber);
        Assert.Equal(["T001", "T002"], (await _desk.Queue(ten.Id)).Tokens.Select(t => t.TokenNumber).Order());
    }

    [Fact]
    public async Task A_move_to_another_doctor_takes_the_next_label_there_and_the_answer_names_the_old_one()
    {
        var from = await _desk.Slot((await _desk.Doctor("Neurology")).Id, "09:00", "10:00");
        var to = await _desk.Slot((await _desk.Doctor("Neurology")).Id, "09:00", "10:00");
        await _desk.Issue("walkin", to.Id);
        await _desk.Issue("walkin", to.Id);
        var moving = await _desk.Issue("book", from.Id);

        var moved = await app.Service<MoveToken>().MoveAsync(moving.Id, to.Id, new Actor("desk"), TestContext.Current.CancellationToken);

        Assert.True(moved.IsOk, moved.Problem?.Detail);
        Assert.Equal(("T003", "T001"), (moved.Value!.TokenNumber, moved.Value.PreviousTokenNumber));
        var read = await _desk.Token(moving.Id);
        Assert.Equal("T003", read.TokenNumber);
        var move = read.History!.Last();
        Assert.Equal(("Moved", "T003"), (move.Action, move.TokenNumber));
        Assert.Contains("new label T003, was T001", move.Reason);
        Assert.Equal("T001", read.History!.First().TokenNumber);
    }

    [Fact]
    public async Task A_move_to_another_day_that_reads_the_same_label_still_tells_the_desk_to_reprint()
    {
        // T001 today and T001 tomorrow are different slips: the date on the paper is wrong after the move.
        var doctor = await _desk.Doctor("Neurology");
        var today = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var tomorrow = await _desk.Slot(doctor.Id, "09:00", "10:00", date: OpdApp.Day.AddDays(1));
        var moving = await _desk.Issue("book", today.Id);

        var moved = await app.Service<MoveToken>().MoveAsync(moving.Id, tomorrow.Id, new Actor("desk"), TestContext.Current.CancellationToken);
        var overHttp = await (await _desk.Client.Post($"/api/tokens/{moving.Id}/move?preview=true", new { targetSlotId = today.Id })).Read<ReallocationResult>();

        Assert.True(moved.IsOk, moved.Problem?.Detail);
        Assert.Equal(("T001", "T001"), (moved.Value!.TokenNumber, moved.Value.PreviousTokenNumber));
        Assert.Contains("new label T001, was T001: reprint the slip", (await _desk.Token(moving.Id)).History!.Last().Reason);
        Assert.False(Assert.Single(overHttp.Moved).KeepsLabel);
    }

    [Fact]
    public async Task Reallocation_over_HTTP_keeps_labels_within_the_day_and_gives_the_next_label_at_another_doctor()
    {
        var doctor = await _desk.Doctor("Pulmonology");
        var colleague = await _desk.Doctor("Pulmonology");
        var cancelled = await _desk.Slot(doctor.Id, "09:00", "10:00");
        var later = await _desk.Slot(doctor.Id, "10:00", "11:00");
        var elsewhere = await _desk.Slot(colleague.Id, "11:00", "12:00");
        await _desk.Issue("walkin", elsewhere.Id);
        var first = await _desk.Issue("book", cancelled.Id);
        var second = await _desk.Issue("book", cancelled.Id);
        await _desk.Client.Post($"/api/slots/{cancelled.Id}/cancel", new { reason = "Doctor called to theatre" });

        var within = (await Reallocate(cancelled.Id, later.Id)).Moved.Single(m => m.TokenId == first.Id);
        await _desk.Client.Post($"/api/slots/{later.Id}/cancel", new { reason = "Doctor still in theatre" });
        var across = await Reallocate(later.Id, elsewhere.Id);

        Assert.Equal(("T001", "T001"), (within.FromTokenNumber, within.NewTokenNumber));
        Assert.Equal(["T002", "T003"], across.Moved.Select(m => m.NewTokenNumber).Order());
        Assert.Equal(["T001", "T002"], across.Moved.Select(m => m.FromTokenNumber).Order());

        // The doctor's day handed out T001 and T002; they left, but their numbers are not handed out again.
        Assert.Equal("T003", (await _desk.Issue("walkin", (await _desk.Slot(doctor.Id, "12:00", "13:00")).Id)).TokenNumber);
        Assert.Contains(second.Id, across.Moved.Select(m => m.TokenId));
    }

    [Fact]
    public async Task The_doctors_prefix_shows_in_the_label_the_answer_the_queue_and_the_admin_list()
    {
        var doctor = await DoctorWithPrefix("a");
        var slot = await _desk.Slot(doctor.Id);

        var token = await _desk.Issue("walkin", slot.Id);

        Assert.Equal("A", doctor.LabelPrefix);
        Assert.Equal("A001", token.TokenNumber);
        Assert.Equal("A001", (await _desk.Queue(slot.Id)).Tokens.Single().TokenNumber);
        Assert.Equal("A001", (await _desk.Token(token.Id)).History!.Single().TokenNumber);
        var admin = await app.ClientAsAsync(Roles.Admin);
        var listed = await admin.GetFromJsonAsync<List<DoctorAdminView>>("/api/admin/doctors", Json.Options);
        Assert.Equal("A", listed!.Single(d => d.Id == doctor.Id).LabelPrefix);
        Assert.Equal("T", (await _desk.Doctor()).LabelPrefix);
    }

    [Fact]
    public async Task A_prefix_changed_on_the_doctor_keeps_the_numbers_and_a_doctor_saved_without_one_keeps_theirs()
    {
        var doctor = await DoctorWithPrefix("B");
        var slot = await _desk.Slot(doctor.Id);
        var token = await _desk.Issue("walkin", slot.Id);

        var renamed = await _desk.Client.PutAsJsonAsync($"/api/doctors/{doctor.Id}",
            new { name = doctor.Name, specialization = doctor.Specialization, opdDays = Enum.GetNames<DayOfWeek>(), labelPrefix = "CD" }, Json.Options);
        var untouched = await _desk.Client.PutAsJsonAsync($"/api/doctors/{doctor.Id}",
            new { name = doctor.Name, specialization = doctor.Specialization, opdDays = Enum.GetNames<DayOfWeek>() }, Json.Options);

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("CD", (await untouched.Read<DoctorView>()).LabelPrefix);
        Assert.Equal("CD001", (await _desk.Token(token.Id)).TokenNumber);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABC")]
    [InlineData("A1")]
    [InlineData("1")]
    [InlineData("Ä")]
    [InlineData("A-")]
    public async Task A_prefix_that_is_not_one_or_two_letters_A_to_Z_is_refused(string prefix)
    {
        var response = await _desk.Client.Post("/api/doctors",
            new { name = "Dr. Prefix", specialization = "Nephrology", opdDays = new[] { "Monday" }, labelPrefix = prefix });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("labelPrefix", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Concurrent_issuing_into_two_slots_of_one_doctor_day_never_repeats_a_label()
    {
        var doctor = await _desk.Doctor();
        var nine = await _desk.Slot(doctor.Id, "09:00", "10:00", capacity: 40);
        var ten = await _desk.Slot(doctor.Id, "10:00", "11:00", capacity: 40);

        var issued = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => _desk.Issue(i % 3 == 0 ? "walkin" : "book", i % 2 == 0 ? nine.Id : ten.Id)));

        var labels = issued.Select(t => t.TokenNumber).ToList();
        Assert.Equal(60, labels.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 60).Select(n => $"T{n:000}"), labels.Order());
    }
}
