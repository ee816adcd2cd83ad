using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Api;

/// <summary>
/// Self check-in: "I have arrived" posted from the patient's own page (a plain form, no circuit), and a kiosk's
/// check-in. Both anonymous, so both rate-limited per address; the page needs today's entrance code, the kiosk its key.
/// </summary>
internal static class SelfCheckInApi
{
    public const string Limit = "self-check-in";

    /// <summary>The entrance code a phone brought from the QR at the entrance (set by /arrive, gone at the day's end).</summary>
    public const string EntranceCookie = "opd-entrance";

    public static IServiceCollection AddSelfCheckInLimit(this IServiceCollection services)
    {
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(Limit, http => RateLimitPartition.GetFixedWindowLimiter(
            $"ip:{http.Connection.RemoteIpAddress}",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = http.RequestServices.GetRequiredService<IOptionsMonitor<SelfCheckInOptions>>().CurrentValue.SelfCheckInsPerMinutePerClient,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            })));

        // Its own words for a refusal; the other limits keep theirs.
        services.PostConfigure<RateLimiterOptions>(o =>
        {
            var others = o.OnRejected;
            o.OnRejected = (context, ct) => context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Limit
                ? RefuseAsync(context.HttpContext)
                : others?.Invoke(context, ct) ?? ValueTask.CompletedTask;
        });
        return services;
    }

    private static async ValueTask RefuseAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = "60";
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many check-ins tried.",
                Detail = "Too many check-ins were tried from here in the last minute. Please wait a minute, or see the reception desk.",
            },
        });
    }

    public static void MapSelfCheckIn(this IEndpointRouteBuilder app)
    {
        app.MapPost("/t/{code}/arrive", ArriveAsync).RequireRateLimiting(Limit).ExcludeFromDescription();
        app.MapPost("/api/kiosk/check-in", KioskAsync)
            .Produces<KioskAnswer>().ProducesErrors(400, 403, 404, 409, 429).RequireRateLimiting(Limit);
    }

    /// <summary>The page's form posts here and is sent back to the page, which says what happened in the patient's words.</summary>
    private static async Task<IResult> ArriveAsync(string code, HttpContext http, SelfCheckIns checkIns, CancellationToken ct)
    {
        // A form from another site could carry a stolen page link; the patient's own page is same-origin.
        if (CrossSite(http.Request))
        {
            return TypedResults.Problem("The request came from another site.", statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused.");
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        var entrance = form?["at"].ToString() is { Length: > 0 } posted ? posted : http.Request.Cookies[EntranceCookie];
        var outcome = await checkIns.ArriveAsync(code, entrance, ct);
        var page = $"/t/{Uri.EscapeDataString(code)}";
        return TypedResults.Redirect(outcome is null ? page : $"{page}?arrival={SelfCheckInWords.Outcome(outcome.Decision)}");
    }

    private static async Task<IResult> KioskAsync(KioskCheckIn request, SelfCheckIns checkIns, EntranceCodes codes, CancellationToken ct)
    {
        if (!await codes.IsKioskAsync(request.Kiosk, request.Key, ct))
        {
            return TypedResults.Problem("This kiosk is not set up: its link has no valid key. Ask the hospital's admin for the kiosk's link.",
                statusCode: StatusCodes.Status403Forbidden, title: "Not a kiosk of this hospital.");
        }

        var result = await checkIns.AtKioskAsync(request, ct);
        if (!result.IsOk)
        {
            return ApiResults.ToHttp(result.Problem! with { Extensions = WithWords(result.Problem.Extensions, SelfCheckInWords.NotFound, "") });
        }

        var (decision, token) = result.Value!;
        var outcome = SelfCheckInWords.Outcome(decision);
        if (decision is CheckedIn or AlreadyHere)
        {
            return TypedResults.Ok(new KioskAnswer(outcome, Words(decision), token.TokenNumber, token.Room, token.Position, token.EstimatedTime));
        }

        var detail = decision switch
        {
            TooEarly early => early.OpensAt.ToString("HH:mm", CultureInfo.InvariantCulture),
            OtherDay other => other.SlotDate.ToString("d MMM", CultureInfo.InvariantCulture),
            _ => "",
        };
        return ApiResults.ToHttp(new OpdProblem(ProblemKind.Conflict, SelfCheckInWords.For(decision, "en"),
            Extensions: WithWords(new Dictionary<string, object?> { ["outcome"] = outcome, ["tokenNumber"] = token.TokenNumber }, outcome, detail)));
    }

    private static Dictionary<string, string> Words(SelfCheckInDecision decision) =>
        SelfCheckInWords.Languages.ToDictionary(l => l, l => SelfCheckInWords.For(decision, l));

    private static Dictionary<string, object?> WithWords(IReadOnlyDictionary<string, object?>? extensions, string fallback, string detail)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>());
        var outcome = all.GetValueOrDefault("outcome") as string ?? fallback;
        all["words"] = SelfCheckInWords.Languages.ToDictionary(l => l, l => SelfCheckInWords.Say(outcome, l, detail));
        return all;
    }

    private static bool CrossSite(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return (origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
            || (site.Length > 0 && site is not ("same-origin" or "none"));
    }
}

/// <summary>The kiosk's answer: the token's label, room, place and estimate, and the words to show in each language; never a name.</summary>
public sealed record KioskAnswer(string Outcome, IReadOnlyDictionary<string, string> Words, string TokenNumber, string? Room, int? Position, DateTime? EstimatedTime);
