using Microsoft.Extensions.Options;
using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Security;

/// <summary>
/// A WebSocket is not held to the browser's same-origin policy, and a page on another port of the same host is the
/// same site, so the strict sign-in cookie goes with it: without this check any page the staff open could drive their
/// screens and read what they show. So <c>/_blazor</c> (negotiate and socket) and every other WebSocket or event
/// stream answers 403 to a request whose Origin is neither the app's own (as the browser sees it, through the proxy's
/// forwarded headers) nor listed in <c>Opd:AllowedOrigins</c>. A request without an Origin comes from no web page.
/// </summary>
public sealed class LiveConnectionOrigins(RequestDelegate next, IOptionsMonitor<OpdOptions> options, ILogger<LiveConnectionOrigins> log)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (IsLiveConnection(http) && http.Request.Headers.Origin.ToString() is { Length: > 0 } origin && !Allowed(http.Request, origin))
        {
            log.LogWarning("Refused a live connection to {Path} from origin {Origin}", TextRules.ForLog(http.Request.Path.Value), TextRules.ForLog(origin));
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "Cross-site connection refused.", Detail = "The screen's connection came from a page of another site." },
            });
            return;
        }

        await next(http);
    }

    public static bool IsLiveConnection(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/_blazor")
        || http.WebSockets.IsWebSocketRequest
        || http.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);

    /// <summary>What a browser sends as Origin: http or https, a host and perhaps a port, nothing after.</summary>
    public static bool IsOrigin(string? origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
        && origin.TrimEnd('/').Equals(uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);

    private bool Allowed(HttpRequest request, string origin) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
        || options.CurrentValue.AllowedOrigins.Any(allowed => string.Equals(origin, allowed.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
}
