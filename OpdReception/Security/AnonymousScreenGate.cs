using System.Net;
using OpdReception.Services;

namespace OpdReception.Security;

/// <summary>
/// Refuses a display screen to an address that already holds <see cref="OpdOptions.MaxAnonymousScreensPerClient"/>
/// of them, with a page a person can act on. The address is the connection's, which the forwarded-headers middleware
/// sets to the client's behind the hospital's proxy.
/// </summary>
public sealed class AnonymousScreenGate(RequestDelegate next, AnonymousScreens screens)
{
    /// <summary>
    /// The TV screens. Not the patient page: a waiting room of phones shares one address (hospital Wi-Fi, CGNAT), so its
    /// streams have their own, much higher cap (<see cref="Api.PatientStreamLimiter"/>) and its page only the rate limit.
    /// </summary>
    public static bool IsAnonymousScreen(PathString path) => path.StartsWithSegments("/display");

    /// <summary>The patient's page itself (/t/{code}), not its state, stream or forms.</summary>
    public static bool IsPatientPage(PathString path) =>
        path.StartsWithSegments("/t", out var rest) && rest.Value is { Length: > 1 } code && code.IndexOf('/', 1) < 0;

    public static string Refusal(int limit) =>
        $"Too many screens are open from this address ({limit}). Close one, or ask the hospital's IT to raise Opd:MaxAnonymousScreensPerClient.";

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method) || !IsAnonymousScreen(http.Request.Path)
            || screens.TryReserve(http.Connection.RemoteIpAddress))
        {
            await next(http);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Too many screens</title></head>
            <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
            <h1>Too many screens</h1>
            <p data-testid="too-many-screens">{{WebUtility.HtmlEncode(Refusal(screens.Limit))}}</p>
            </body>
            </html>
            """);
    }
}
