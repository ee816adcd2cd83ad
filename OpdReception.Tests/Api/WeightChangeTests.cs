using System.Net;
using System.Net.Http.Json;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>A weight changed in the middle of the day: the queue's order and the reasons it gives must keep agreeing.</summary>
public sealed class WeightChangeTests : ClockedAppTests
{
    private async Task<SettingValues> Save(Func<SettingValues, SettingValues> change)
    {
        var settings = await (await Desk.Client.GetAsync("/api/admin/settings")).Read<SettingsView>();
        var wanted = change(settings.Effective);
        var saved = await Desk.Client.PutAsJsonAsync("/api/admin/settings", wanted, Json.Options);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return wanted;
    }

    private static PriorityWeights WeightsOf(SettingValues v) =>
        new(v.EmergencyPriority, v.PaidPriority, v.FollowUpPriority, v.OnlinePriority, v.WalkInPriority);

    [Fact]
    public async Task After_a_weight_changes_patients_not_yet_called_are_re_ordered_so_the_order_and_the_reasons_agree()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id, "09:00", "11:00", capacity: 10);
        App.SetTime(8, 30);
        var online = await Desk.Issue("book", slot.Id);
        Assert.Equal(HttpStatusCode.OK, (await Desk.Client.PostAsync($"/api/tokens/{online.Id}/check-in", null)).StatusCode);
        var walkIn = await Desk.Issue("walkin", slot.Id);
        var booked = await Desk.Issue("book", slot.Id);
        Assert.Equal([online.Id, booked.Id, walkIn.Id], (await Desk.Queue(slot.Id)).Tokens.Select(t => t.Id));

        var weights = WeightsOf(await Save(s => s with { WalkInPriority = 250 }));

        var queue = (await Desk.Queue(slot.Id)).Tokens;
        Assert.Equal([walkIn.Id, online.Id, booked.Id], queue.Select(t => t.Id));
        Assert.All(queue, t => Assert.Equal(weights.For(t.Source), t.PriorityScore));
        Assert.EndsWith("after priority patients and follow-ups of the 09:00 slot", queue[0].PlaceReason);
        Assert.EndsWith("after priority patients, follow-ups and walk-ins of the 09:00 slot", queue[1].PlaceReason);
        var history = await (await Desk.Client.GetAsync("/api/admin/history?area=Setting")).Read<List<AdminChangeView>>();
        Assert.Contains(history, h => h.Subject == "Priority weights" && h.Details.StartsWith("1 patient(s) not yet called re-ordered"));
    }

    [Fact]
    public async Task A_weight_change_leaves_the_score_of_a_patient_already_seen_as_it_was()
    {
        var doctor = await Desk.Doctor();
        var slot = await Desk.Slot(doctor.Id, "09:00", "11:00", capacity: 10);
        var seen = await Desk.Issue("walkin", slot.Id);
        var waiting = await Desk.Issue("walkin", slot.Id);
        App.SetTime(9);
        Assert.Equal(HttpStatusCode.OK, (await Desk.Client.PostAsync($"/api/doctors/{doctor.Id}/call-next", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Desk.SetStatus(seen.Id, "Completed")).StatusCode);

        await Save(s => s with { WalkInPriority = 150 });

        Assert.Equal((100, 150), ((await Desk.Token(seen.Id)).PriorityScore, (await Desk.Token(waiting.Id)).PriorityScore));
    }

    [Fact]
    public async Task A_walk_in_issued_right_after_the_change_takes_the_new_weight()
    {
        var slot = await Desk.NewSlot();

        await Save(s => s with { WalkInPriority = 175 });
        var issued = await Desk.Issue("walkin", slot.Id);

        Assert.Equal(175, issued.PriorityScore);
    }
}
