using System.Net;
using System.Text.Json;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>The doctor's one-press actions through the API, as the signed-in doctor, on a real SQLite file.</summary>
public sealed class ConsoleTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    private async Task<(DoctorView Doctor, SlotView Slot, HttpClient Client)> DoctorWithSlot(string start = "09:00", string end = "10:00")
    {
        app.SetTime(8);
        var doctor = await _desk.Doctor();
        var slot = await _desk.Slot(doctor.Id, start, end);
        return (doctor, slot, await app.ClientAsAsync(Roles.Doctor, doctor.Id));
    }

    private static async Task<TokenView> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Read<TokenView>();
    }

    private static async Task<string> Refused(Task<HttpResponseMessage> call, HttpStatusCode status = HttpStatusCode.Conflict)
    {
        var response = await call;
        Assert.Equal(status, response.StatusCode);
        return (await response.ReadJson()).GetProperty("detail").GetString()!;
    }

    [Fact]
    public async Task Recall_keeps_the_count_and_not_here_after_two_recalls_makes_a_no_show()
    {
        var (doctor, slot, client) = await DoctorWithSlot();
        var token = await _desk.Issue("walkin", slot.Id);
        app.SetTime(9);
        await Ok(client.PostAsync($"/api/slots/{slot.Id}/call-next", null));

        await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/tokens/{token.Id}/recall", null));
        await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/tokens/{token.Id}/recall", null));
        var console = await (await client.GetAsync($"/api/doctors/{doctor.Id}/console")).ReadJson();
        Assert.Equal(2, console.GetProperty("withDoctor").GetProperty("recallCount").GetInt32());

        var absent = await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/tokens/{token.Id}/not-here", null));

        Assert.Equal(TokenStatus.NoShow, absent.Status);
        var history = (await _desk.Token(token.Id)).History!;
        Assert.Equal(["Issued", "Called", "Recalled", "Recalled", "MarkedNoShow"], history.Select(e => e.Action));
        Assert.Equal("Not here after 3 times called", history[^1].Reason);
    }

    [Fact]
    public async Task A_recall_restarts_the_consultation_so_the_next_patient_is_expected_after_it()
    {
        var (doctor, slot, client) = await DoctorWithSlot();
        var first = await _desk.Issue("walkin", slot.Id);
        var second = await _desk.Issue("walkin", slot.Id);
        app.SetTime(9);
        await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null));
        Assert.Equal(OpdApp.Day.ToDateTime(new TimeOnly(9, 10)), (await _desk.Token(second.Id)).EstimatedTime);

        app.SetTime(9, 8);
        await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/tokens/{first.Id}/recall", null));

        Assert.Equal(OpdApp.Day.ToDateTime(new TimeOnly(9, 18)), (await _desk.Token(second.Id)).EstimatedTime);
    }

    [Fact]
    public async Task Not_here_sends_the_patient_to_the_back_of_their_class_awaiting_recall_and_recall_calls_them_in()
    {
        var (doctor, slot, client) = await DoctorWithSlot();
        var first = await _desk.Issue("walkin", slot.Id);
        var second = await _desk.Issue("walkin", slot.Id);
        app.SetTime(9);
        await Ok(client.PostAsync($"/api/slots/{slot.Id}/call-next", null));

        var back = await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/tokens/{first.Id}/not-here", null));

        Assert.Equal((TokenStatus.Waiting, 2), (back.Status, back.Position));
        var console = await (await client.GetAsync($"/api/doctors/{doctor.Id}/console")).ReadJson();
        Assert.Equal([first.Id], console.GetProperty("awaitingRecall").EnumerateArray().Select(e => e.GetInt32()));
        Assert.StartsWith("Not here when called at 09:00", (await _desk.Token(first.Id)).History![^1].Reason);

        var next = await Ok(client.PostAsync($"/api/slots/{slot.Id}/call-next", null));
        Assert.Equal(second.Id, next.Id);
        Assert.Contains("still with T002", await Refused(client.PostAsync($"/api/doctors/{doctor.Id}/tokens/{first.Id}/recall", null)), StringComparison.OrdinalIgnoreCase);

        await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/tokens/{second.Id}/complete", null));
        var recalled = await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/tokens/{first.Id}/recall", null));
        Assert.Equal(TokenStatus.InConsultation, recalled.Status);
    }

    [Theory]
    [InlineData("priority", "same slot")]
    [InlineData("walkin", "earlier slot")]
    public async Task Not_here_then_call_next_calls_the_next_patient_present_never_the_absent_one_again(string firstKind, string where)
    {
        var (doctor, slot, client) = await DoctorWithSlot();
        var later = where == "same slot" ? slot : await _desk.Slot(doctor.Id, "10:00", "11:00");
        var absent = await _desk.Issue(firstKind, slot.Id);
        var present = await _desk.Issue("walkin", later.Id);
        app.SetTime(9);
        Assert.Equal(absent.Id, (await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null))).Id);
        await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/tokens/{absent.Id}/not-here", null));

        var next = await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null));

        Assert.Equal(present.Id, next.Id);
        await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/tokens/{present.Id}/complete", null));
        Assert.Contains("recall", await Refused(client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null)), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("recall", await Refused(client.PostAsync($"/api/slots/{slot.Id}/call-next", null)), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(TokenStatus.Waiting, (await _desk.Token(absent.Id)).Status);
        Assert.Equal(TokenStatus.InConsultation, (await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/tokens/{absent.Id}/recall", null))).Status);
    }

    [Fact]
    public async Task Undo_within_two_minutes_takes_back_complete_in_the_history_and_is_refused_after()
    {
        var (doctor, slot, client) = await DoctorWithSlot();
        var token = await _desk.Issue("walkin", slot.Id);
        app.SetTime(9);
        await Ok(client.PostAsync($"/api/slots/{slot.Id}/call-next", null));
        await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/tokens/{token.Id}/complete", null));
        app.Clock.Set(OpdApp.Day.ToDateTime(new TimeOnly(9, 1, 59)));

        var undone = await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/undo", null));

        Assert.Equal(TokenStatus.InConsultation, undone.Status);
        var history = (await _desk.Token(token.Id)).History!;
        Assert.Equal(["Issued", "Called", "Completed", "Undone"], history.Select(e => e.Action));
        Assert.Equal("Undid Completed", history[^1].Reason);
        Assert.Contains("nothing to undo", await Refused(client.PostAsync($"/api/doctors/{doctor.Id}/undo", null)), StringComparison.OrdinalIgnoreCase);

        await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/tokens/{token.Id}/complete", null));
        app.SetTime(9, 5);
        Assert.Contains("2 minutes", await Refused(client.PostAsync($"/api/doctors/{doctor.Id}/undo", null)));
        Assert.Equal(TokenStatus.Completed, (await _desk.Token(token.Id)).Status);
    }

    [Fact]
    public async Task Undoing_a_no_show_whose_seat_was_reissued_is_refused_and_the_slot_stays_at_its_capacity()
    {
        var (doctor, _, client) = await DoctorWithSlot();
        var slot = await _desk.Slot(doctor.Id, "10:00", "11:00", capacity: 2);
        var absent = await _desk.Issue("walkin", slot.Id);
        await _desk.Issue("walkin", slot.Id);
        app.SetTime(10);
        await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null));
        await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/tokens/{absent.Id}/no-show", null));
        await _desk.Issue("walkin", slot.Id);

        var response = await client.PostAsync($"/api/doctors/{doctor.Id}/undo", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("seat was given away", (await response.ReadJson()).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(TokenStatus.NoShow, (await _desk.Token(absent.Id)).Status);
        var after = await _desk.GetSlot(slot.Id);
        Assert.Equal((2, 2), (after.BookedCount, after.EffectiveCapacity));
    }

    [Fact]
    public async Task Undoing_an_emergency_no_show_in_a_full_slot_adds_a_recorded_emergency_seat()
    {
        var (doctor, _, client) = await DoctorWithSlot();
        var slot = await _desk.Slot(doctor.Id, "10:00", "11:00", capacity: 2);
        var emergency = await _desk.Issue("emergency", slot.Id);
        await _desk.Issue("walkin", slot.Id);
        app.SetTime(10);
        await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null));
        await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/tokens/{emergency.Id}/no-show", null));
        await _desk.Issue("walkin", slot.Id);

        var undone = await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/undo", null));

        Assert.Equal(TokenStatus.InConsultation, undone.Status);
        var after = await _desk.GetSlot(slot.Id);
        Assert.Equal((3, 3, 1), (after.BookedCount, after.EffectiveCapacity, after.EmergencyExtensions));
        Assert.Equal("Undid MarkedNoShow; slot was full, emergency seat added", (await _desk.Token(emergency.Id)).History![^1].Reason);
    }

    [Fact]
    public async Task Undoing_a_no_show_while_its_seat_is_still_free_puts_the_patient_back()
    {
        var (doctor, _, client) = await DoctorWithSlot();
        var slot = await _desk.Slot(doctor.Id, "10:00", "11:00", capacity: 2);
        var absent = await _desk.Issue("walkin", slot.Id);
        await _desk.Issue("walkin", slot.Id);
        app.SetTime(10);
        await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null));
        await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/tokens/{absent.Id}/no-show", null));

        var undone = await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/undo", null));

        Assert.Equal(TokenStatus.InConsultation, undone.Status);
        var after = await _desk.GetSlot(slot.Id);
        Assert.Equal((2, 2, 0), (after.BookedCount, after.EffectiveCapacity, after.EmergencyExtensions));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(481)]
    [InlineData(-5)]
    public async Task Running_late_by_minutes_out_of_range_is_bad_input_and_changes_nothing(int minutes)
    {
        var (doctor, slot, client) = await DoctorWithSlot();

        var late = await client.Post($"/api/doctors/{doctor.Id}/running-late", new { minutes });

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(0, (await _desk.GetSlot(slot.Id)).DelayMinutes);
    }

    [Fact]
    public async Task Running_late_moves_every_estimate_and_on_time_moves_them_back()
    {
        var (doctor, slot, client) = await DoctorWithSlot();
        var token = await _desk.Issue("walkin", slot.Id);
        var before = (await _desk.Token(token.Id)).EstimatedTime;

        var late = await client.Post($"/api/doctors/{doctor.Id}/running-late", new { minutes = 20 });

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal("Running 20 min late", (await late.ReadJson()).GetProperty("notice").GetString());
        Assert.Equal(before!.Value.AddMinutes(20), (await _desk.Token(token.Id)).EstimatedTime);
        var console = await (await client.GetAsync($"/api/doctors/{doctor.Id}/console")).ReadJson();
        Assert.Equal("Running 20 min late", console.GetProperty("notice").GetString());

        (await client.PostAsync($"/api/doctors/{doctor.Id}/on-time", null)).EnsureSuccessStatusCode();
        Assert.Equal(before, (await _desk.Token(token.Id)).EstimatedTime);
    }

    [Fact]
    public async Task A_break_makes_nobody_expected_before_the_doctor_is_back()
    {
        var (doctor, slot, client) = await DoctorWithSlot();
        var token = await _desk.Issue("walkin", slot.Id);
        app.SetTime(9, 10);

        (await client.Post($"/api/doctors/{doctor.Id}/break", new { backAt = "09:45" })).EnsureSuccessStatusCode();

        Assert.Equal(OpdApp.Day.ToDateTime(new TimeOnly(9, 45)), (await _desk.Token(token.Id)).EstimatedTime);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.Post($"/api/doctors/{doctor.Id}/break", new { backAt = "soon" })).StatusCode);
        Assert.Contains("already passed", await Refused(client.Post($"/api/doctors/{doctor.Id}/break", new { backAt = "09:00" })));
    }

    [Fact]
    public async Task A_doctor_acts_on_their_own_patients_only()
    {
        var (doctor, slot, client) = await DoctorWithSlot();
        var (other, otherSlot, _) = await DoctorWithSlot();
        var theirs = await _desk.Issue("walkin", otherSlot.Id);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/doctors/{other.Id}/tokens/{theirs.Id}/recall", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/doctors/{other.Id}/undo", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/doctors/{doctor.Id}/tokens/{theirs.Id}/complete", null)).StatusCode);
        var receptionist = await app.ClientAsAsync(Roles.Receptionist);
        Assert.Equal(HttpStatusCode.Forbidden, (await receptionist.PostAsync($"/api/doctors/{doctor.Id}/running-late", null)).StatusCode);
        Assert.Equal(TokenStatus.Waiting, (await _desk.Token(theirs.Id)).Status);
    }

    [Fact]
    public async Task The_display_board_shows_numbers_doctor_and_room_but_no_patient()
    {
        var (doctor, slot, client) = await DoctorWithSlot();
        var first = await _desk.Issue("walkin", slot.Id, name: "Zubeida Quraishi");
        await _desk.Issue("walkin", slot.Id, name: "Zubeida Quraishi");
        app.SetTime(9);
        await Ok(client.PostAsync($"/api/slots/{slot.Id}/call-next", null));

        var board = await app.Service<DisplayService>().BoardAsync(doctor.Id.ToString(), TestContext.Current.CancellationToken);

        var room = Assert.Single(board.Rooms);
        Assert.Equal("T001", room.NowCalled);
        Assert.Equal(["T002"], room.Next);
        var json = JsonSerializer.Serialize(board);
        Assert.DoesNotContain("Zubeida", json);
        Assert.DoesNotContain("98765", json);
        Assert.DoesNotContain(first.PatientId, json);
    }

    [Fact]
    public async Task A_patient_left_in_a_cancelled_slot_is_neither_next_on_the_display_nor_waiting_on_the_console()
    {
        var (doctor, slot, client) = await DoctorWithSlot();
        var seen = await _desk.Issue("walkin", slot.Id);
        var later = await _desk.Slot(doctor.Id, "10:00", "11:00");
        var left = await _desk.Issue("walkin", later.Id);
        app.SetTime(9);
        await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null));
        await Ok(client.PostAsync($"/api/doctors/{doctor.Id}/tokens/{seen.Id}/complete", null));
        var cancelled = await _desk.Client.Post($"/api/slots/{later.Id}/cancel", new { reason = "Doctor called away" });
        Assert.True(cancelled.IsSuccessStatusCode, await cancelled.Content.ReadAsStringAsync());

        var board = await app.Service<DisplayService>().BoardAsync(doctor.Id.ToString(), TestContext.Current.CancellationToken);
        var console = (await app.Service<ConsoleService>().DayAsync(doctor.Id, null, TestContext.Current.CancellationToken)).Value!;

        Assert.Equal(TokenStatus.Waiting, (await _desk.Token(left.Id)).Status);
        Assert.Empty(Assert.Single(board.Rooms).Next);
        Assert.Empty(console.Queue);
        Assert.Equal(0, console.ByStatus.GetValueOrDefault(TokenStatus.Waiting));
        Assert.Equal(1, console.ByStatus.GetValueOrDefault(TokenStatus.Completed));
        await Refused(client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null));
    }

    [Fact]
    public async Task The_patient_page_finds_a_token_by_its_code_only_until_its_day_ends()
    {
        var (_, slot, _) = await DoctorWithSlot();
        var token = await _desk.Issue("walkin", slot.Id, name: "Zubeida Quraishi");
        var code = (await app.Service<DeskService>().SlipAsync(token.Id, TestContext.Current.CancellationToken)).Value!.Code;
        var pages = app.Service<PatientPageService>();

        var page = await pages.ByCodeAsync(code, TestContext.Current.CancellationToken);

        Assert.Equal(("T001", 1, TokenStatus.Waiting), (page!.TokenNumber, page.Position, page.Status));
        Assert.DoesNotContain("Zubeida", JsonSerializer.Serialize(page));
        // Codes are lower case from an alphabet without two letters differing by case: a slip read back in capitals is the same token.
        Assert.Equal(token.Id, (await pages.ByCodeAsync(code.ToUpperInvariant(), TestContext.Current.CancellationToken))!.TokenId);
        Assert.Null(await pages.ByCodeAsync("short", TestContext.Current.CancellationToken));
        app.Clock.Set(OpdApp.Day.AddDays(1).ToDateTime(new TimeOnly(0, 1)));
        Assert.Null(await pages.ByCodeAsync(code, TestContext.Current.CancellationToken));
        app.SetTime(8);
    }
}
