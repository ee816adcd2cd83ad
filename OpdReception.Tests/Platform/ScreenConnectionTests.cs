using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

/// <summary>What an open screen's live connection costs the server.</summary>
public sealed class ScreenConnectionTests
{
    [Fact]
    public async Task A_screen_asking_for_a_compressed_websocket_gets_a_plain_one_so_the_server_keeps_no_deflate_state_per_screen()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new OpdApp().OnRealPort();
        var address = app.Start();
        using var http = new HttpClient { BaseAddress = address };
        var negotiated = await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null, ct);
        negotiated.EnsureSuccessStatusCode();
        var connection = (await negotiated.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("connectionToken").GetString();

        // As Chromium does: it offers permessage-deflate on every websocket.
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        await socket.ConnectAsync(new Uri($"ws://{address.Authority}/_blazor?id={connection}"), ct);

        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.False(socket.HttpResponseHeaders?.ContainsKey("Sec-WebSocket-Extensions") ?? false,
            "The server accepted permessage-deflate: each open screen would hold a zlib state for as long as it is open.");
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, ct);
    }
}
