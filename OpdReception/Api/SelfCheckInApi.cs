using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using OpdReception.Components.Pages.SelfCheckIn;
using Microsoft.Extensions.Options;
using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Api;

/// <summary>
/// Self check-in: "I have arrived" posted from the patient's own page (a plain form, no circuit), and a kiosk's
/// check-in. Both anonymous, so both rate-limited per address; the page needs today's entrance code, the kiosk its key.
/// </summary>
public static class SelfCheckInApi
{
    public const string Limit = "self-check-in";

    /// <summary>The entrance code a phone brought from the QR at the entrance (set by /arrive, gone at the day's end).</summary>
    public const string EntranceCookie = "opd-entrance";

    /// <summary>The patient's own page, remembered for /arrive only: scanning the entrance QR then opens that page at once.</summary>
    public const string TokenCookie = "opd-token";

    public static IServiceCollection AddSelfCheckInLimit(this IServiceCollection services)
    {
        // Its own words for a refusal; the other limits keep theirs.
        return services.AddMinuteLimit(Limit, MinuteLimits.Address,
            http => http.RequestServices.GetRequiredService<IOptionsMonitor<SelfCheckInOptions>>().CurrentValue.SelfCheckInsPerMinutePerClient,
            context => RefuseAsync(context.HttpContext));
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
        app.MapGet("/arrive", ArrivePageAsync).RequireRateLimiting(Limit).ExcludeFromDescription();
        app.MapGet("/kiosk", KioskPageAsync).RequireRateLimiting(Limit).ExcludeFromDescription();
        app.MapPost("/t/{code}/arrive", ArriveAsync).RequireRateLimiting(Limit).ExcludeFromDescription();
        app.MapPost("/api/kiosk/check-in", KioskAsync)
            .Produces<KioskAnswer>().ProducesErrors(400, 403, 404, 409, 429).RequireRateLimiting(Limit);
    }

    /// <summary>
    /// The entrance QR's address. Today's code is remembered in a cookie only the patient pages get, so "I have
    /// arrived" shows on them; a phone that opened its token page before goes straight back to it.
    /// </summary>
    private static async Task<IResult> ArrivePageAsync(string? at, HttpContext http, EntranceCodes codes, IOptionsMonitor<OpdOptions> opd, CancellationToken ct)
    {
        var valid = await codes.IsTodayAsync(at, ct);
        if (valid)
        {
            http.Response.Cookies.Append(EntranceCookie, at!.ToUpperInvariant(), new CookieOptions
            {
                HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/t", Expires = codes.DayEndsAt,
            });
            if (SlipScan.CodeOf(http.Request.Cookies[TokenCookie]) is { } mine)
            {
                return TypedResults.Redirect($"/t/{mine}");
            }
        }

        return new RazorComponentResult<ArrivePage>(new { Hospital = opd.CurrentValue.HospitalName, Valid = valid });
    }

    /// <summary>The patient page remembers itself for /arrive, so the entrance QR opens it directly next time today.</summary>
    public static void RememberToken(HttpContext http, string code)
    {
        if (!http.Response.HasStarted)
        {
            http.Response.Cookies.Append(TokenCookie, code, new CookieOptions
            {
                HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/arrive",
                Expires = http.RequestServices.GetRequiredService<EntranceCodes>().DayEndsAt,
            });
        }
    }

    /// <summary>A kiosk's screen: it works only with the key the admin's link carries (see /reception/entrance-qr).</summary>
    private static async Task<IResult> KioskPageAsync(string? name, string? key, EntranceCodes codes, IOptionsMonitor<OpdOptions> opd, CancellationToken ct)
    {
        var valid = await codes.IsKioskAsync(name, key, ct);
        return new RazorComponentResult<KioskPage>(new { Hospital = opd.CurrentValue.HospitalName, Valid = valid, Kiosk = name ?? "", Key = key ?? "" })
        {
            StatusCode = valid ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden,
        };
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
        if (string.IsNullOrWhiteSpace(request.Kiosk) || string.IsNullOrWhiteSpace(request.Key))
        {
            return ApiResults.ToHttp(OpdProblem.Invalid("key", "The kiosk's name and key are required: open the kiosk from the link the admin made for it."));
        }

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
            var place = SelfCheckInWords.Languages.ToDictionary(l => l, l => KioskWords.Place(l, token.Position, token.EstimatedTime, token.Room, token.EstimatedFrom, token.EstimatedTo));
            return TypedResults.Ok(new KioskAnswer(outcome, Words(decision), place, token.TokenNumber, token.Room, token.Position, token.EstimatedTime,
                token.EstimatedFrom, token.EstimatedTo));
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
        // Under the app's no-referrer policy a browser's form post says "Origin: null"; Sec-Fetch-Site still tells.
        return (origin.Length > 0 && origin != "null" && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
            || (site.Length > 0 && site is not ("same-origin" or "none"));
    }
}

/// <summary>The kiosk's answer: the token's label, room, place and estimate with its range, and the words to show in each language; never a name.</summary>
public sealed record KioskAnswer(
    string Outcome, IReadOnlyDictionary<string, string> Words, IReadOnlyDictionary<string, string> Place, string TokenNumber, string? Room, int? Position, DateTime? EstimatedTime,
    DateTime? EstimatedFrom, DateTime? EstimatedTo);
