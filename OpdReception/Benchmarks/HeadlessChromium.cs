using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace OpdReception.Benchmarks;

/// <summary>
/// Debian's Chromium, headless, driven over the Chrome DevTools Protocol with nothing but a websocket: the benchmark
/// opens real pages on the app without a browser-automation package in the app. Only what the benchmark needs:
/// open a page (in its own cookie jar if asked), run a line of script in it, close it.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly DirectoryInfo _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private int _lastId;

    private HeadlessChromium(Process process, DirectoryInfo profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Starts Chromium, or answers null when it is not installed (the caller says so and skips).</summary>
    /// <param name="extra">More switches, such as one renderer for all tabs of the site when opening hundreds.</param>
    public static async Task<HeadlessChromium?> StartAsync(CancellationToken ct, IEnumerable<string>? extra = null)
    {
        if (!File.Exists(Executable))
        {
            return null;
        }

        var profile = Directory.CreateTempSubdirectory("opd-bench-chromium-");
        var start = new ProcessStartInfo(Executable,
        [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0", $"--user-data-dir={profile.FullName}",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
            // Boards behind other tabs must keep running their scripts as a wall screen would.
            "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
            .. extra ?? [],
            "about:blank",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            await browser.ConnectAsync(ct);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    private async Task ConnectAsync(CancellationToken ct)
    {
        // Chromium writes the port it chose and the browser's websocket path here once it listens.
        var portFile = Path.Combine(_profile.FullName, "DevToolsActivePort");
        var waited = Stopwatch.StartNew();
        while (!File.Exists(portFile) || File.ReadAllLines(portFile).Length < 2)
        {
            if (_process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException("Chromium did not open its DevTools port.");
            }

            await Task.Delay(100, ct);
        }

        var lines = File.ReadAllLines(portFile);
        await _socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0].Trim()}{lines[1].Trim()}"), ct);
        _receiving = Task.Run(ReceiveAsync, CancellationToken.None);
    }

    /// <summary>A fresh cookie jar, as a separate browser profile would be.</summary>
    public async Task<string> NewContextAsync(CancellationToken ct) =>
        (await SendAsync("Target.createBrowserContext", new { disposeOnDetach = false }, null, ct)).GetProperty("browserContextId").GetString()!;

    /// <summary>Opens a tab at <paramref name="url"/> and answers the session to talk to it.</summary>
    public async Task<string> OpenAsync(string url, string? context, CancellationToken ct)
    {
        var target = (await SendAsync("Target.createTarget", context is null ? new { url } : new { url, browserContextId = context }, null, ct))
            .GetProperty("targetId").GetString()!;
        return (await SendAsync("Target.attachToTarget", new { targetId = target, flatten = true }, null, ct)).GetProperty("sessionId").GetString()!;
    }

    /// <summary>Runs a script expression in the page and answers its value (promises awaited).</summary>
    public async Task<JsonElement> EvaluateAsync(string session, string expression, CancellationToken ct)
    {
        var answer = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true }, session, ct);
        if (answer.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"Script failed in the page: {exception}");
        }

        return answer.GetProperty("result").TryGetProperty("value", out var value) ? value : default;
    }

    /// <summary>Waits until the expression is true in the page; a page still loading has no script context yet, which is retried.</summary>
    public async Task WaitUntilAsync(string session, string expression, TimeSpan timeout, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await EvaluateAsync(session, expression, ct) is { ValueKind: JsonValueKind.True })
                {
                    return;
                }
            }
            catch (InvalidOperationException) when (waited.Elapsed < timeout)
            {
                // Navigating: the old document is gone and the new one not there yet.
            }

            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"The page did not reach `{expression}` within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(100, ct);
        }
    }

    private async Task<JsonElement> SendAsync(string method, object? parameters, string? session, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref _lastId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = JsonSerializer.SerializeToUtf8Bytes(session is null
            ? new { id, method, @params = parameters ?? new { } }
            : (object)new { id, method, @params = parameters ?? new { }, sessionId = session });
        await _sending.WaitAsync(ct);
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, ct);
        }
        finally
        {
            _sending.Release();
        }

        using var registration = ct.Register(() => answer.TrySetCanceled(ct));
        return await answer.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var part = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (part.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage)
                {
                    continue;
                }

                Dispatch(message.ToArray());
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closing down.
        }

        foreach (var waiting in _pending.Values)
        {
            waiting.TrySetException(new InvalidOperationException("Chromium closed its DevTools connection."));
        }
    }

    /// <summary>Answers go to whoever asked; events (messages without an id) are not needed and are dropped.</summary>
    private void Dispatch(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("id", out var id) || !_pending.TryRemove(id.GetInt32(), out var answer))
        {
            return;
        }

        if (root.TryGetProperty("error", out var error))
        {
            answer.TrySetException(new InvalidOperationException($"DevTools: {error}"));
        }
        else
        {
            answer.TrySetResult(root.GetProperty("result").Clone());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _receiving;
        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _stop.Dispose();
        _sending.Dispose();
        try
        {
            _profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Chromium's last writes racing the delete: a temp folder left behind is harmless.
        }
    }
}
