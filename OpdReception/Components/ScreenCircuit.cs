using System.Net;
using Microsoft.AspNetCore.Components.Server.Circuits;
using OpdReception.Security;

namespace OpdReception.Components;

/// <summary>
/// One open screen's connection, as <see cref="AnonymousScreens"/> counts it: a display takes a place
/// for its client address when it goes live, gives it back when the connection drops or the circuit closes, and takes
/// it again when the connection returns. Staff screens never take one.
/// </summary>
public sealed class ScreenCircuit(AnonymousScreens screens, IHttpContextAccessor http) : CircuitHandler
{
    private readonly Lock _gate = new();
    private IPAddress? _address;
    private bool _wanted;
    private bool _holding;

    public int Limit => screens.Limit;

    /// <summary>The address this circuit's connection comes from (null outside a real connection, as in bUnit).</summary>
    public IPAddress? Address => _address;

    /// <summary>The page goes live: false when its address already holds its limit of anonymous screens.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            if (!_holding && !screens.TryOpen(_address))
            {
                return false;
            }

            _wanted = _holding = true;
            return true;
        }
    }

    /// <summary>The page is gone from this circuit.</summary>
    public void Leave()
    {
        lock (_gate)
        {
            _wanted = false;
            Release();
        }
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // The hub's connection carries the request it was opened by; a reconnection may come from a new address.
            _address = http.HttpContext?.Connection.RemoteIpAddress ?? _address;
            if (_wanted && !_holding)
            {
                _holding = screens.TryOpen(_address, returning: true);
            }
        }

        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Release();
        }

        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) => OnConnectionDownAsync(circuit, cancellationToken);

    private void Release()
    {
        if (_holding)
        {
            screens.Close(_address);
            _holding = false;
        }
    }
}
