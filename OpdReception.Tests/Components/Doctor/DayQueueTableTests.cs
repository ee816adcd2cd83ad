using Bunit;
using MudBlazor.Services;
using OpdReception.Components.Pages.Doctor;
using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Tests.Components.Doctor;

public sealed class DayQueueTableTests : BunitContext
{
    public DayQueueTableTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static TokenView Waiting(int id, string name, TokenSource source, string reason) => new(
        id, $"T00{id}", 1, 1, "Dr. Rao", $"H-00000{id}", name, null, source, TokenStatus.Waiting, 100, id, new DateTime(2030, 1, 7, 9, 10 * id, 0),
        false, new DateTime(2030, 1, 7, 8, 0, 0), new DateTime(2030, 1, 7, 8, 0, 0), null, new DateOnly(2030, 1, 7), new TimeOnly(9, 0), SlotStatus.Open, reason);

    [Fact]
    public void The_console_says_why_an_aged_walk_in_comes_before_heavier_patients_and_nothing_more_for_the_others()
    {
        var aged = Ageing.Reason(new DateTime(2030, 1, 7, 9, 12, 0), 8);
        var table = Render<DayQueueTable>(p => p.Add(t => t.Queue,
        [
            Waiting(1, "Meera Iyer", TokenSource.WalkIn, aged),
            Waiting(2, "Ravi Kumar", TokenSource.Online, "Booked online, checked in; before walk-ins of the 09:00 slot"),
        ]));

        var movedUp = Assert.Single(table.FindAll("[data-testid=moved-up]"));
        Assert.Equal("Walk-in, waiting since 09:12; moved up after 8 later arrivals went first", movedUp.TextContent);
        Assert.Contains("Meera Iyer", movedUp.ParentElement!.TextContent);
    }
}
