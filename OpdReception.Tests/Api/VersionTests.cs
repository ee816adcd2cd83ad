using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Api;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Api;

/// <summary>Two people editing the same record: the one who read a stale version is told, and overwrites nothing.</summary>
public sealed class VersionTests(OpdApp app) : IClassFixture<OpdApp>
{
    private readonly Desk _desk = new(app.CreateClient());

    [Fact]
    public void Every_versioned_route_in_the_table_is_a_mapped_endpoint()
    {
        _ = app.CreateClient();
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();

        Assert.All(VersionsApi.Endpoints, route => Assert.Contains(route, mapped));
    }

    [Fact]
    public async Task The_api_document_lists_412_for_versioned_writes()
    {
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ReadJson();

        var put = document.GetProperty("paths").GetProperty("/api/doctors/{id}").GetProperty("put");

        Assert.True(put.GetProperty("responses").TryGetProperty("412", out _));
    }

    [Fact]
    public async Task A_doctor_edited_from_a_stale_read_is_412_with_the_current_state_and_keeps_the_first_edit()
    {
        var doctor = await _desk.Doctor(name: "Dr. Rao");
        var read = await _desk.Client.GetAsync($"/api/doctors/{doctor.Id}");
        var tag = read.Headers.ETag!.Tag;

        var first = await Put(doctor.Id, "Dr. Rao (Cardiology lead)", tag);
        var second = await Put(doctor.Id, "Dr. Rao Senior", tag);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.PreconditionFailed), (first.StatusCode, second.StatusCode));
        Assert.NotEqual(tag, first.Headers.ETag!.Tag);
        Assert.Equal(first.Headers.ETag!.Tag, second.Headers.ETag!.Tag);
        var problem = await second.ReadJson();
        Assert.Equal("Dr. Rao (Cardiology lead)", problem.GetProperty("current").GetProperty("name").GetString());
        Assert.Contains("changed by someone else", problem.GetProperty("detail").GetString());
        Assert.Equal("Dr. Rao (Cardiology lead)", (await (await _desk.Client.GetAsync($"/api/doctors/{doctor.Id}")).Read<DoctorView>()).Name);
    }

    [Fact]
    public async Task Of_ten_simultaneous_edits_from_the_same_read_exactly_one_wins()
    {
        var doctor = await _desk.Doctor();
        var tag = (await _desk.Client.GetAsync($"/api/doctors/{doctor.Id}")).Headers.ETag!.Tag;
        using var start = new SemaphoreSlim(0);
        var edits = Enumerable.Range(0, 10).Select(async i =>
        {
            await start.WaitAsync();
            return await Put(doctor.Id, $"Dr. Edit {i}", tag);
        }).ToList();
        start.Release(10);
        var answers = await Task.WhenAll(edits);

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(9, answers.Count(a => a.StatusCode == HttpStatusCode.PreconditionFailed));
    }

    [Fact]
    public async Task A_token_action_from_a_stale_read_is_412_and_its_status_stays()
    {
        var slot = await _desk.NewSlot();
        var token = await _desk.Issue("book", slot.Id);
        var tag = (await _desk.Client.GetAsync($"/api/tokens/{token.Id}")).Headers.ETag!.Tag;

        var checkIn = await Send(HttpMethod.Post, $"/api/tokens/{token.Id}/check-in", null, tag);
        var cancel = await Send(HttpMethod.Delete, $"/api/tokens/{token.Id}/cancel", new { reason = "Patient called to cancel" }, tag);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.PreconditionFailed), (checkIn.StatusCode, cancel.StatusCode));
        Assert.Equal("Waiting", (await cancel.ReadJson()).GetProperty("current").GetProperty("status").GetString());
        Assert.Equal(TokenStatus.Waiting, (await _desk.Token(token.Id)).Status);
    }

    [Fact]
    public async Task A_slot_change_with_the_current_etag_goes_through_and_a_stale_one_does_not()
    {
        var slot = await _desk.NewSlot();
        var tag = (await _desk.Client.GetAsync($"/api/slots/{slot.Id}")).Headers.ETag!.Tag;

        var delayed = await Send(HttpMethod.Patch, $"/api/slots/{slot.Id}/delay?delay_minutes=15", null, tag);
        var closed = await Send(HttpMethod.Post, $"/api/slots/{slot.Id}/close", null, tag);
        var closedFresh = await Send(HttpMethod.Post, $"/api/slots/{slot.Id}/close", null, delayed.Headers.ETag!.Tag);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.PreconditionFailed, HttpStatusCode.OK), (delayed.StatusCode, closed.StatusCode, closedFresh.StatusCode));
        Assert.Equal(15, (await closed.ReadJson()).GetProperty("current").GetProperty("delayMinutes").GetInt32());
    }

    [Fact]
    public async Task A_delay_and_a_delete_racing_from_the_same_read_never_both_go_through()
    {
        for (var round = 0; round < 10; round++)
        {
            var slot = await _desk.NewSlot();
            var tag = (await _desk.Client.GetAsync($"/api/slots/{slot.Id}")).Headers.ETag!.Tag;

            var answers = await Task.WhenAll(
                Send(HttpMethod.Patch, $"/api/slots/{slot.Id}/delay?delay_minutes=10", null, tag),
                Send(HttpMethod.Delete, $"/api/slots/{slot.Id}", null, tag));

            Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
            Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.PreconditionFailed, HttpStatusCode.NotFound }));
        }
    }

    [Fact]
    public async Task Without_if_match_writes_go_through_as_before()
    {
        var doctor = await _desk.Doctor();
        _ = await Put(doctor.Id, "Dr. One", null);

        var response = await Put(doctor.Id, "Dr. Two", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("\"abc\"")]
    [InlineData("\"-1\"")]
    public async Task A_malformed_if_match_is_a_400(string ifMatch)
    {
        var doctor = await _desk.Doctor();

        var response = await Put(doctor.Id, "Dr. Three", ifMatch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private Task<HttpResponseMessage> Put(int doctorId, string name, string? ifMatch) =>
        Send(HttpMethod.Put, $"/api/doctors/{doctorId}", new { name, specialization = "Cardiology", opdDays = new[] { "Monday" }, room = "101" }, ifMatch);

    private Task<HttpResponseMessage> Send(HttpMethod method, string url, object? body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json.Options);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return _desk.Client.SendAsync(request);
    }
}
