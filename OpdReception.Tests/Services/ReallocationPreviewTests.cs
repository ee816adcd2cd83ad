using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Services;

public sealed class ReallocationPreviewTests(OpdApp app) : IClassFixture<OpdApp>
{
    [Fact]
    public async Task The_preview_changes_nothing_and_its_new_estimates_are_what_the_patients_get()
    {
        var desk = new Desk(app.CreateClient());
        var doctor = await desk.Doctor($"Preview {Guid.NewGuid():N}");
        var early = await desk.Slot(doctor.Id, "09:00", "10:00");
        var later = await desk.Slot(doctor.Id, "10:00", "11:00");
        await desk.Issue("walkin", later.Id);
        var a = await desk.Issue("walkin", early.Id);
        var b = await desk.Issue("priority", early.Id);
        // Issue 6: only a delayed or cancelled slot is reallocated.
        await desk.Client.Post($"/api/slots/{early.Id}/cancel", new { reason = "Doctor called away" });
        var reallocate = app.Service<ReallocateSlot>();

        var preview = (await reallocate.PreviewReallocationAsync(early.Id, null, Xunit.TestContext.Current.CancellationToken)).Value!;

        Assert.Equal(2, (await desk.Queue(early.Id)).Tokens.Count);
        Assert.Equal([b.Id, a.Id], preview.Moves.Select(m => m.TokenId));
        Assert.All(preview.Moves, m => Assert.NotNull(m.EstimatedAfter));
        await reallocate.ReallocateAsync(early.Id, null, "test", Xunit.TestContext.Current.CancellationToken);
        foreach (var move in preview.Moves)
        {
            var moved = await desk.Token(move.TokenId);
            Assert.Equal(move.NewTokenNumber, moved.TokenNumber);
            Assert.Equal(move.EstimatedAfter, moved.EstimatedTime);
        }
    }
}
