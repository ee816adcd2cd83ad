using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

/// <summary>What each open screen costs the server, for as long as it is open.</summary>
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

    [Fact]
    public async Task The_theme_is_written_once_into_the_page_head_not_into_the_layout_each_open_screen_keeps()
    {
        await using var app = new OpdApp();
        var html = await app.AnonymousClient().GetStringAsync("/signin", TestContext.Current.CancellationToken);
        var bodyStarts = html.IndexOf("<body", StringComparison.Ordinal);

        // The default primary colour (#00695c), as MudBlazor writes it into its CSS variables.
        var theme = html.IndexOf("--mud-palette-primary: rgba(0,105,92,1)", StringComparison.Ordinal);
        Assert.InRange(theme, 0, bodyStarts);
        Assert.DoesNotContain("mud-theme-provider", html[bodyStarts..], StringComparison.Ordinal);
    }
}
