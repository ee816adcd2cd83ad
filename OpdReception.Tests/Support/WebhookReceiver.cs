using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OpdReception.Tests.Support;

/// <summary>
/// A real HTTP server on a free loopback port standing in for the hospital's SMS gateway: it keeps every request's
/// raw body and signature header, and answers as the test planned (a status per request in turn, or no answer at all).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _planned = new();
    private readonly TaskCompletionSource _hungUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver(WebApplication app) => _app = app;

    public sealed record Received(byte[] Body, string? Signature, string? ContentType, int AnsweredWith)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public string Id => Json.GetProperty("id").GetString()!;
    }

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>While true, requests get no answer until the client gives up (a gateway that hangs).</summary>
    public bool Hang { get; set; }

    public Uri Url { get; private set; } = null!;

    /// <summary>Answers the next requests with these statuses, in turn; 200 after them.</summary>
    public void Answer(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _planned.Enqueue(status);
        }
    }

    public static async Task<WebhookReceiver> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, port));
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/sms", receiver.HandleAsync);
        await receiver._app.StartAsync();
        var address = receiver._app.Urls.First();
        receiver.Url = new Uri(new Uri(address), "/sms");
        return receiver;
    }

    public int Port => Url.Port;

    private async Task HandleAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        if (Hang)
        {
            Requests.Enqueue(new Received(buffer.ToArray(), http.Request.Headers["X-Opd-Signature"], http.Request.ContentType, 0));
            await Task.WhenAny(Task.Delay(Timeout.Infinite, http.RequestAborted), _hungUp.Task).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        var status = _planned.TryDequeue(out var planned) ? planned : 200;
        Requests.Enqueue(new Received(buffer.ToArray(), http.Request.Headers["X-Opd-Signature"], http.Request.ContentType, status));
        http.Response.StatusCode = status;
    }

    /// <summary>Requests answered 2xx, by message id.</summary>
    public IReadOnlyDictionary<string, int> AcceptedById() =>
        Requests.Where(r => r.AnsweredWith is >= 200 and < 300).GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Count());

    public async Task<Received[]> WaitForAsync(Func<Received[], bool> enough, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!enough([.. Requests]) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return [.. Requests];
    }

    public async ValueTask DisposeAsync()
    {
        _hungUp.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
