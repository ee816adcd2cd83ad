using OpdReception.Domain;

namespace OpdReception.Security;

/// <summary>
/// A browser sends the sign-in cookie with any request, even one a hostile site makes it send. So a write to the API
/// or the account endpoints that does not carry a bearer token must be a same-origin JSON request: a cross-site
/// form can send neither that content type nor a matching Origin without the browser's CORS check, which we never
/// grant. Programs with a bearer token are not affected; Blazor's own forms carry antiforgery tokens.
/// </summary>
public sealed class SameOriginWrites(RequestDelegate next, ILogger<SameOriginWrites> log)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (Guarded(http.Request) && Refusal(http.Request) is { } reason)
        {
            log.LogWarning("Refused a cross-site write {Method} {Path}: {Reason}", TextRules.ForLog(http.Request.Method), TextRules.ForLog(http.Request.Path.Value), reason);
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "Cross-site request refused.", Detail = reason },
            });
            return;
        }

        await next(http);
    }

    private static bool Guarded(HttpRequest request) =>
        !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
        && (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/account"))
        && !request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public static string? Refusal(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return "The request came from another site.";
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return "The request came from another site.";
        }

        return request.HasJsonContentType()
            ? null
            : "A write signed in by the browser's cookie must be a JSON request (Content-Type: application/json).";
    }
}
