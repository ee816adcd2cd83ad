using Bunit;
using OpdReception.Components.Pages.Reception;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Reception;

/// <summary>The issued answer read out across the counter: a token of another day says which day.</summary>
public sealed class IssuedAnswerTests(OpdApp app) : DeskContext(app)
{
    [Fact]
    public async Task A_token_of_another_day_names_its_day_before_the_time_and_todays_does_not()
    {
        var tomorrow = OpdApp.Day.AddDays(1);
        var doctor = await Desk.Doctor();
        var booked = await Desk.Issue("book", (await Desk.Slot(doctor.Id, date: tomorrow)).Id, name: "Tomorrow Patient");
        var walkIn = await Desk.Issue("walkin", (await Desk.Slot(doctor.Id)).Id, name: "Today Patient");

        var later = Render<IssuedAnswer>(p => p.Add(a => a.Token, booked));
        var now = Render<IssuedAnswer>(p => p.Add(a => a.Token, walkIn));

        Assert.Equal($"Position 1 · {tomorrow:ddd d MMM}, expected about 09:00", Place(later));
        Assert.Matches(@"^Position 1 · expected about \d\d:\d\d$", Place(now));
    }

    private static string Place(IRenderedComponent<IssuedAnswer> answer) =>
        string.Join(" ", answer.Find("[data-testid=issued-place]").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
