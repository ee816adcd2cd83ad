using System.Net;
using System.Net.Sockets;

namespace OpdReception.Tests.Support;

/// <summary>
/// A TCP relay between a browser and the app that a test can unplug, as when a TV's network cable is pulled.
/// Chromium's offline emulation does not reliably stop an open WebSocket, so the cut happens on the wire instead:
/// unplugging resets every open connection, and until it is plugged back in every new one is reset at once.
/// </summary>
public sealed class NetworkCable : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private bool _unplugged;

    public NetworkCable(Uri app)
    {
        _app = app;
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    /// <summary>The app's address through this cable.</summary>
    public Uri Address { get; }

    public void Unplug()
    {
        lock (_gate)
        {
            _unplugged = true;
            foreach (var client in _open)
            {
                Reset(client);
            }

            _open.Clear();
        }
    }

    public void PlugIn()
    {
        lock (_gate)
        {
            _unplugged = false;
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient browser;
            try
            {
                browser = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = RelayAsync(browser);
        }
    }

    private async Task RelayAsync(TcpClient browser)
    {
        var app = new TcpClient();
        lock (_gate)
        {
            if (_unplugged)
            {
                Reset(browser);
                return;
            }

            _open.Add(browser);
            _open.Add(app);
        }

        try
        {
            await app.ConnectAsync(_app.Host, _app.Port, _stop.Token);
            var up = browser.GetStream().CopyToAsync(app.GetStream(), _stop.Token);
            var down = app.GetStream().CopyToAsync(browser.GetStream(), _stop.Token);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away: the other goes with it, below.
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(browser);
                _open.Remove(app);
            }

            browser.Dispose();
            app.Dispose();
        }
    }

    /// <summary>Closes with a reset rather than a polite FIN, as a dead link looks to the far end.</summary>
    private static void Reset(TcpClient client)
    {
        try
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Client.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Unplug();
        await _accepting;
        _stop.Dispose();
    }
}
