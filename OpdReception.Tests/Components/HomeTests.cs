using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OpdReception.Components.Pages;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components;

public sealed class HomeTests : BunitContext, IClassFixture<OpdApp>
{
    private readonly OpdApp _app;

    public HomeTests(OpdApp app)
    {
        _app = app;
        _ = app.CreateClient();
        Services.AddMudServices();
        Services.AddSingleton(app.Service<SlotService>());
        Services.AddSingleton(app.Service<OpdChanges>());
        Services.AddSingleton(app.Service<HospitalClock>());
        Services.AddSingleton(app.Service<OpdReception.Security.StartPages>());
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task Shows_todays_slots_and_refreshes_when_a_token_is_issued()
    {
        var desk = new Desk(_app.CreateClient());
        var slot = await desk.NewSlot(capacity: 4);

        var page = Render<Home>();
        page.WaitForAssertion(() => Assert.Contains("0 / 4", page.Markup));
        await desk.Issue("walkin", slot.Id);

        page.WaitForAssertion(() => Assert.Contains("1 / 4", page.Markup));
        Assert.Contains("Monday 7 January 2030", page.Markup);
    }

    [Fact]
    public async Task Marks_emergency_seats_and_delays()
    {
        var desk = new Desk(_app.CreateClient());
        var slot = await desk.NewSlot(capacity: 1);
        await desk.Issue("walkin", slot.Id);
        await desk.Issue("emergency", slot.Id);
        await desk.Client.PatchAsync($"/api/slots/{slot.Id}/delay?delay_minutes=25", null);

        var page = Render<Home>();

        page.WaitForAssertion(() => Assert.Contains("+1 emergency", page.Markup));
        Assert.Contains("25 min", page.Markup);
        Assert.Contains("Delayed", page.Markup);
    }
}
