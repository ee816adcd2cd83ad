using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Services;

/// <summary>The desk's "Move…" dialog calls the service directly: the same day-level rules as the API's move.</summary>
public sealed class DeskMoveTests(OpdApp app) : IClassFixture<OpdApp>
{
    [Fact]
    public async Task The_desks_move_refuses_another_specialization_and_books_a_patient_moved_to_another_day_again()
    {
        var desk = new Desk(app.CreateClient());
        var moving = app.Service<MoveToken>();
        var ct = Xunit.TestContext.Current.CancellationToken;
        var doctor = await desk.Doctor($"Desk move {Guid.NewGuid():N}");
        var stranger = await desk.Doctor($"Other {Guid.NewGuid():N}");
        var today = await desk.Slot(doctor.Id, "09:00", "10:00");
        var tomorrow = await desk.Slot(doctor.Id, "09:00", "10:00", date: OpdApp.Day.AddDays(1));
        var elsewhere = await desk.Slot(stranger.Id, "10:00", "11:00");
        var walkIn = await desk.Issue("walkin", today.Id);

        var refused = await moving.MoveAsync(walkIn.Id, elsewhere.Id, "Reception desk", ct);
        var moved = await moving.MoveAsync(walkIn.Id, tomorrow.Id, "Reception desk", ct);

        Assert.Equal(ProblemKind.Conflict, refused.Problem?.Kind);
        Assert.Contains("same specialization", refused.Problem!.Detail);
        Assert.Equal((tomorrow.Id, TokenStatus.Booked), (moved.Value!.SlotId, moved.Value.Status));
    }
}
