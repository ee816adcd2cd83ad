using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OpdReception.Components.Pages.Patient;
using OpdReception.Services;

namespace OpdReception.Api;

/// <summary>
/// GET /t/{code}/events: the page's state as server-sent events. The current state at once (so a page coming back
/// from sleep or a dropped network catches up on connecting), then again whenever a change to its doctor's day or
/// its token alters it, and a beat when nothing did. Each open stream holds one of its address's stream places
/// (<see cref="PatientPageOptions.MaxOpenStreamsPerAddress"/>, not the TV screens'), given back when it closes. Between events a stream holds only its last state's text and two waits.
/// </summary>
internal static class PatientPageStream
{
    /// <summary>How soon the browser tries again after the stream drops (EventSource's own reconnection).</summary>
    private const int RetryMilliseconds = 3000;

    public static async Task RunAsync(
        string code, HttpContext http, PatientPageService pages, PatientPageBeacon beacon, PatientStreamLimiter limiter,
        IOptionsMonitor<PatientPageOptions> options)
    {
        var ct = http.RequestAborted;
        if (!limiter.TryTake(http.Connection.RemoteIpAddress))
        {
            await PatientPageApi.RefuseAsync(http);
            return;
        }

        // Taken before the first read: a change committed while it runs is not missed.
        var (seen, next) = beacon.Now();
        var first = await pages.ByCodeAsync(code, ct);
        if (first is null)
        {
            await PatientPageApi.NotAvailable().ExecuteAsync(http);
            return;
        }

        var address = http.Connection.RemoteIpAddress;
        if (!limiter.TryOpen(address))
        {
            // The page's script falls back to fetching its state every few seconds, which stays allowed.
            await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many open pages from this address.",
                detail: $"This address already holds {limiter.OpenLimit} live patient pages. The page updates itself every few seconds instead.").ExecuteAsync(http);
            return;
        }

        try
        {
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            http.Response.ContentType = "text/event-stream; charset=utf-8";
            // A proxy such as nginx would otherwise hold the events back until its buffer fills.
            http.Response.Headers["X-Accel-Buffering"] = "no";
            // Between events a stream keeps what it needs to know its changes and a digest of what it sent, not the text.
            var (slots, tokenId, facts) = (first.DaySlots, first.TokenId, first.Facts);
            var json = PatientPageView.From(first).Json();
            var sent = Digest(json);
            first = null;
            await WriteAsync(http, string.Create(CultureInfo.InvariantCulture, $"retry: {RetryMilliseconds}\ndata: {json}\n\n"), ct);
            json = null;
            var heartbeat = TimeSpan.FromSeconds(options.CurrentValue.HeartbeatSeconds);
            var beat = Task.Delay(heartbeat, ct);
            while (!ct.IsCancellationRequested)
            {
                var woke = await Task.WhenAny(next, beat);
                if (ct.IsCancellationRequested)
                {
                    break;
                }

                var due = woke == beat;
                (var concerns, seen, next) = beacon.Since(seen, slots, tokenId);
                if (due)
                {
                    beat = Task.Delay(heartbeat, ct);
                }

                // The clock alone moves estimates and ends a doctor's break: a beat reads the state too.
                if (!concerns && !due)
                {
                    continue;
                }

                // A beat with no change to the token reads only the doctor's shared day; a change reads the token's row too.
                var reading = await ReadAsync(pages, code, concerns ? null : facts, ct);
                if (reading is null)
                {
                    await WriteAsync(http, "event: gone\ndata: gone\n\n", ct);
                    break;
                }

                (slots, tokenId, facts) = (reading.Slots, reading.TokenId, reading.Facts);
                var digest = Digest(reading.Json);
                var text = digest != sent ? $"data: {reading.Json}\n\n" : due ? "event: beat\ndata: 1\n\n" : null;
                (sent, reading) = (digest, null);
                if (text is not null)
                {
                    await WriteAsync(http, text, ct);
                    text = null;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page was closed or the phone went away.
        }
        catch (IOException)
        {
            // The connection dropped mid-write.
        }
        finally
        {
            limiter.Close(address);
        }
    }

    private sealed record Reading(IReadOnlyList<int> Slots, int TokenId, TokenFacts? Facts, string Json);

    private static async Task<Reading?> ReadAsync(PatientPageService pages, string code, TokenFacts? known, CancellationToken ct) =>
        await (known is null ? pages.ByCodeAsync(code, ct) : pages.AgainAsync(code, known, ct)) is { } page
            ? new Reading(page.DaySlots, page.TokenId, page.Facts, PatientPageView.From(page).Json())
            : null;

    private static UInt128 Digest(string json) => BinaryPrimitives.ReadUInt128LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken ct)
    {
        await http.Response.WriteAsync(text, ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
