using System.Net;
using System.Net.Http.Json;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

public sealed class IdempotencyRestartTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_retry_after_the_server_was_killed_and_restarted_gets_the_first_token_back()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = _folder.File("opd.db");
        var body = new { slotId = 0, patientName = "Kavya Nair", phoneNumber = "+91 98765 43210", newPatient = true };
        string first;
        int slotId;

        await using (var app = await AppProcess.StartAsync(database, ct))
        {
            var desk = new Desk(app.Client());
            slotId = (await desk.Slot((await desk.Doctor()).Id, date: DateOnly.FromDateTime(DateTime.Now).AddDays(1))).Id;
            var response = await Send(app.Client(), body with { slotId = slotId }, ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            first = await response.Content.ReadAsStringAsync(ct);
            app.Kill();
        }

        await using var restarted = await AppProcess.StartAsync(database, ct);
        var retry = await Send(restarted.Client(), body with { slotId = slotId }, ct);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first, await retry.Content.ReadAsStringAsync(ct));
        var queue = await restarted.Client().GetFromJsonAsync<QueueView>($"/api/tokens/queue/{slotId}", Json.Options, ct);
        Assert.Single(queue!.Tokens);
    }

    private static Task<HttpResponseMessage> Send<T>(HttpClient client, T body, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/tokens/book") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", "portal-7f3a");
        return client.SendAsync(request, ct);
    }
}
