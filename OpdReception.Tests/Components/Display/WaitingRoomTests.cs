using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Components.Pages.Display;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Security;
using OpdReception.Tests.Components.Reception;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Display;

public sealed class WaitingRoomTests(OpdApp app) : DeskContext(app)
{
    private async Task<(int DoctorId, int SlotId)> RoomWithPatients(string name, int patients)
    {
        App.SetTime(8);
        var doctor = await Desk.Doctor(name: name);
        var slot = await Desk.Slot(doctor.Id, "09:00", "10:00");
        for (var i = 0; i < patients; i++)
        {
            await Desk.Issue("walkin", slot.Id, name: "Zubeida Quraishi");
        }

        App.SetTime(9);
        return (doctor.Id, slot.Id);
    }

    [Fact]
    public async Task Shows_token_numbers_doctor_and_room_and_never_a_patient_name_phone_or_id()
    {
        var (doctorId, slotId) = await RoomWithPatients("Dr. Privacy", 3);
        (await Desk.Client.PostAsync($"/api/slots/{slotId}/call-next", null, Xunit.TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        var page = Render<WaitingRoom>(p => p.Add(x => x.Which, doctorId.ToString()));

        var room = page.WaitForElement("[data-testid=room]");
        Assert.Equal("T001", room.QuerySelector("[data-testid=now-called]")!.TextContent);
        Assert.Equal("T002  T003", room.QuerySelector("[data-testid=next]")!.TextContent);
        Assert.Contains("Room 101", room.TextContent);
        Assert.Contains("Dr. Privacy", room.TextContent);
        Assert.DoesNotContain("Zubeida", page.Markup);
        Assert.DoesNotContain("98765", page.Markup);
        Assert.DoesNotContain("P0", page.Markup);
    }

    [Fact]
    public async Task A_room_with_nobody_next_says_so_with_a_dash_instead_of_a_bare_label()
    {
        var (doctorId, slotId) = await RoomWithPatients("Dr. Lastone", 1);
        (await Desk.Client.PostAsync($"/api/slots/{slotId}/call-next", null, Xunit.TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        var page = Render<WaitingRoom>(p => p.Add(x => x.Which, doctorId.ToString()));

        var room = page.WaitForElement("[data-testid=room]");
        Assert.Equal("T001", room.QuerySelector("[data-testid=now-called]")!.TextContent);
        Assert.Equal("—", room.QuerySelector("[data-testid=next]")!.TextContent);
    }

    [Fact]
    public async Task Offers_enable_sound_until_the_browser_allows_it()
    {
        await RoomWithPatients("Dr. Sound", 1);
        var module = JSInterop.SetupModule("./display.js");
        module.Setup<bool>("soundAllowed").SetResult(false);
        module.Setup<bool>("enableSound").SetResult(true);

        var page = Render<WaitingRoom>();
        Assert.Equal("Calls are silent until someone taps", page.WaitForElement("[data-testid=sound-hint]").TextContent);
        page.WaitForElement("[data-testid=enable-sound]").Click();

        page.WaitForElement("[data-testid=sound-on]");
        Assert.Empty(page.FindAll("[data-testid=enable-sound]"));
        Assert.True(page.Instance.SoundOn);
    }

    [Fact]
    public async Task A_sound_already_allowed_shows_no_button()
    {
        await RoomWithPatients("Dr. Allowed", 1);
        JSInterop.SetupModule("./display.js").Setup<bool>("soundAllowed").SetResult(true);

        var page = Render<WaitingRoom>();

        page.WaitForElement("[data-testid=sound-on]");
        Assert.Empty(page.FindAll("[data-testid=enable-sound]"));
    }

    [Fact]
    public async Task A_new_call_is_highlighted_and_announced_with_the_token_spelled_out_and_a_recall_again()
    {
        var (doctorId, slotId) = await RoomWithPatients("Dr. Chime", 2);
        var module = JSInterop.SetupModule("./display.js");
        module.Setup<bool>("soundAllowed").SetResult(true);
        module.SetupVoid("announce", _ => true).SetVoidResult();
        var page = Render<WaitingRoom>(p => p.Add(x => x.Which, doctorId.ToString()));
        page.WaitForElement("[data-testid=sound-on]");
        Assert.Equal("Sound on · spoken in English", page.Find("[data-testid=sound-on]").TextContent);
        Assert.Empty(page.Instance.Highlighted);

        (await Desk.Client.PostAsync($"/api/slots/{slotId}/call-next", null, Xunit.TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        page.WaitForAssertion(() => Assert.Contains("called", page.Find("[data-testid=room]").ClassList));
        var call = Assert.Single(module.Invocations, i => i.Identifier == "announce");
        Assert.Matches($"^{doctorId}:[0-9]+$", (string)call.Arguments[0]!);
        Assert.Equal([new Utterance("en", "en-IN", "Token T 0 0 1, Room 101")], (IReadOnlyList<Utterance>)call.Arguments[1]!);

        var doctor = await App.ClientAsAsync(Roles.Doctor, doctorId);
        var token = (await Desk.Queue(slotId)).Tokens[0];
        (await doctor.PostAsync($"/api/doctors/{doctorId}/tokens/{token.Id}/recall", null, Xunit.TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        page.WaitForAssertion(() => Assert.Equal(2, module.Invocations.Count(i => i.Identifier == "announce")));
        var calls = module.Invocations.Where(i => i.Identifier == "announce").Select(i => (string)i.Arguments[0]!).ToList();
        Assert.NotEqual(calls[0], calls[1]);
    }

    [Fact]
    public async Task The_address_picks_the_languages_and_each_is_said_in_turn()
    {
        var (doctorId, slotId) = await RoomWithPatients("Dr. Three Tongues", 1);
        var module = JSInterop.SetupModule("./display.js");
        module.Setup<bool>("soundAllowed").SetResult(true);
        module.SetupVoid("announce", _ => true).SetVoidResult();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("speech", "en,hi,ta"));
        var page = Render<WaitingRoom>(p => p.Add(x => x.Which, doctorId.ToString()));
        page.WaitForAssertion(() => Assert.Equal("Sound on · spoken in English, Hindi and Tamil", page.Find("[data-testid=sound-on]").TextContent));

        (await Desk.Client.PostAsync($"/api/slots/{slotId}/call-next", null, Xunit.TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        page.WaitForAssertion(() => Assert.Single(module.Invocations, i => i.Identifier == "announce"));
        var sentences = (IReadOnlyList<Utterance>)module.Invocations.Single(i => i.Identifier == "announce").Arguments[1]!;
        Assert.Equal(["en-IN", "hi-IN", "ta-IN"], sentences.Select(s => s.Tag));
        Assert.Equal(["Token T 0 0 1, Room 101", "टोकन T 0 0 1, कमरा नंबर 101", "டோக்கன் T 0 0 1, அறை எண் 101"], sentences.Select(s => s.Text));
        var watched = module.Invocations.Last(i => i.Identifier == "watchVoices");
        Assert.Equal(["en", "hi", "ta"], ((IReadOnlyList<SpokenLanguage>)watched.Arguments[0]!).Select(l => l.Code));
    }

    [Fact]
    public async Task A_named_screen_set_to_chime_only_chimes_and_speaks_again_once_the_admin_gives_it_a_language()
    {
        var (doctorId, slotId) = await RoomWithPatients("Dr. Quiet", 2);
        var screens = Services.GetRequiredService<DisplayScreenService>();
        Assert.True((await screens.SaveAsync("quiet-tv", "off", new Actor("admin"), Xunit.TestContext.Current.CancellationToken)).IsOk);
        var module = JSInterop.SetupModule("./display.js");
        module.Setup<bool>("soundAllowed").SetResult(true);
        module.SetupVoid("announce", _ => true).SetVoidResult();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("screen", "quiet-tv"));
        var page = Render<WaitingRoom>(p => p.Add(x => x.Which, doctorId.ToString()));
        page.WaitForAssertion(() => Assert.Equal("Sound on · chime only", page.Find("[data-testid=sound-on]").TextContent));

        (await Desk.Client.PostAsync($"/api/slots/{slotId}/call-next", null, Xunit.TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        page.WaitForAssertion(() => Assert.Single(module.Invocations, i => i.Identifier == "announce"));
        Assert.Empty((IReadOnlyList<Utterance>)module.Invocations.Single(i => i.Identifier == "announce").Arguments[1]!);

        Assert.True((await screens.SaveAsync("quiet-tv", "ta", new Actor("admin"), Xunit.TestContext.Current.CancellationToken)).IsOk);
        page.WaitForAssertion(() => Assert.Equal("Sound on · spoken in Tamil", page.Find("[data-testid=sound-on]").TextContent));
        var doctor = await App.ClientAsAsync(Roles.Doctor, doctorId);
        var seen = (await Desk.Queue(slotId)).Tokens[0];
        (await doctor.PostAsync($"/api/doctors/{doctorId}/tokens/{seen.Id}/complete", null, Xunit.TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        (await doctor.PostAsync($"/api/doctors/{doctorId}/call-next", null, Xunit.TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        page.WaitForAssertion(() => Assert.Equal(2, module.Invocations.Count(i => i.Identifier == "announce")));
        var second = (IReadOnlyList<Utterance>)module.Invocations.Last(i => i.Identifier == "announce").Arguments[1]!;
        Assert.Equal([new Utterance("ta", "ta-IN", "டோக்கன் T 0 0 2, அறை எண் 101")], second);
    }

    [Fact]
    public async Task Before_the_first_call_the_tile_says_nobody_called_yet_in_words_not_a_giant_dash()
    {
        var (doctorId, _) = await RoomWithPatients("Dr. Not Yet", 2);

        var page = Render<WaitingRoom>(p => p.Add(x => x.Which, doctorId.ToString()));

        var now = page.WaitForElement("[data-testid=now-called]");
        Assert.Equal("Nobody called yet", now.TextContent);
        Assert.DoesNotContain("tile-token", now.ClassName);
    }

    [Fact]
    public async Task A_patient_sent_back_as_not_here_shows_as_missed_not_as_next_and_a_completed_one_as_recently_called()
    {
        var (doctorId, slotId) = await RoomWithPatients("Dr. Missed", 3);
        var doctor = await App.ClientAsAsync(Roles.Doctor, doctorId);
        var queue = (await Desk.Queue(slotId)).Tokens;
        var page = Render<WaitingRoom>(p => p.Add(x => x.Which, doctorId.ToString()));

        (await doctor.PostAsync($"/api/doctors/{doctorId}/call-next", null, Xunit.TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        (await doctor.PostAsync($"/api/doctors/{doctorId}/tokens/{queue[0].Id}/not-here", null, Xunit.TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        (await doctor.PostAsync($"/api/doctors/{doctorId}/call-next", null, Xunit.TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        (await doctor.PostAsync($"/api/doctors/{doctorId}/tokens/{queue[1].Id}/complete", null, Xunit.TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        page.WaitForAssertion(() => Assert.Equal("T001", page.Find("[data-testid=missed]").TextContent));
        Assert.Equal("T002", page.Find("[data-testid=recent]").TextContent);
        Assert.Equal("T003", page.Find("[data-testid=next]").TextContent);
        Assert.Equal("Nobody now", page.Find("[data-testid=now-called]").TextContent);
    }

    [Fact]
    public async Task A_doctor_running_late_or_on_a_break_is_said_on_their_tile()
    {
        var (doctorId, _) = await RoomWithPatients("Dr. Rao", 1);
        var doctor = await App.ClientAsAsync(Roles.Doctor, doctorId);
        var page = Render<WaitingRoom>(p => p.Add(x => x.Which, doctorId.ToString()));
        page.WaitForElement("[data-testid=room]");
        Assert.Empty(page.FindAll("[data-testid=room-notice]"));

        (await doctor.Post($"/api/doctors/{doctorId}/running-late", new { minutes = 20 })).EnsureSuccessStatusCode();
        page.WaitForAssertion(() => Assert.Equal("Dr. Rao: running 20 min late", page.Find("[data-testid=room-notice]").TextContent));

        (await doctor.Post($"/api/doctors/{doctorId}/break", new { backAt = "09:45" })).EnsureSuccessStatusCode();
        page.WaitForAssertion(() => Assert.Equal("Dr. Rao: on a break, back at 09:45", page.Find("[data-testid=room-notice]").TextContent));

        (await doctor.PostAsync($"/api/doctors/{doctorId}/on-time", null, Xunit.TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=room-notice]")));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 2, 1)]
    [InlineData(4, 2, 2)]
    [InlineData(6, 3, 2)]
    [InlineData(9, 3, 3)]
    [InlineData(12, 4, 3)]
    public void Fits_one_to_twelve_rooms_in_a_landscape_grid(int rooms, int columns, int rows) =>
        Assert.Equal((columns, rows), WaitingRoom.Grid(rooms));
}
