using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OpdReception.Components.Pages.Patient;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Api;

/// <summary>
/// The patient's own token page, found by the slip's code, at almost no cost to the server: the page is HTML rendered
/// once (no circuit), kept live by a server-sent event stream (<see cref="PatientPageStream"/>) or by fetching its
/// state, and its two forms are plain posts that work without script. Every request counts against its address's
/// limit per minute; open streams count against the address's anonymous screens.
/// </summary>
public static class PatientPageApi
{
    public const string Limit = "patient-page";

    public static IServiceCollection AddPatientPage(this IServiceCollection services)
    {
        // Hindi and Tamil written as themselves in every page, not as &#x…; escapes six times their size.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddSingleton<PatientStreamLimiter>();
        return services.AddMinuteLimit(Limit, MinuteLimits.Address,
            http => http.RequestServices.GetRequiredService<IOptionsMonitor<PatientPageOptions>>().CurrentValue.RequestsPerMinutePerAddress,
            context => RefuseAsync(context.HttpContext));
    }

    public static void MapPatientPage(this IEndpointRouteBuilder app)
    {
        var page = app.MapGroup("/t/{code}").RequireRateLimiting(Limit).ExcludeFromDescription();
        page.MapGet("", PageAsync);
        page.MapGet("/state", StateAsync);
        // A stream stays open for hours: run straight from routing, it holds no share of the middleware after it
        // (sign-in, authorization, antiforgery, the limiter) for all that time. It needs none of them and counts its own requests.
        app.MapGet("/t/{code}/events", PatientPageStream.RunAsync).ShortCircuit().ExcludeFromDescription();
        page.MapPost("/messages", MessagesAsync);
        page.MapPost("/feedback", FeedbackAsync);
    }

    private static async Task<IResult> PageAsync(string code, string? arrival, HttpContext http, PatientPageService pages, SelfCheckIns checkIns, CancellationToken ct)
    {
        // A code typed in capitals: the page's own address in its canonical case, so its forms, stream and cookie use it too.
        if (TokenCodes.Normalise(code) is { } canonical && canonical != code)
        {
            return TypedResults.Redirect($"/t/{Uri.EscapeDataString(canonical)}{http.Request.QueryString}", permanent: true);
        }

        var token = await pages.ByCodeAsync(code, ct);
        if (token is null)
        {
            return Page(http, code, null, refusal: null);
        }

        // "I have arrived" (self check-in): the phone's entrance code, and the answer of the button just pressed.
        SelfCheckInApi.RememberToken(http, code);
        var panel = await checkIns.PanelAsync(code, token.Status, http.Request.Cookies[SelfCheckInApi.EntranceCookie], arrival, token.Language, ct);
        return Page(http, code, token, refusal: null, arrival: panel);
    }

    private static async Task<IResult> StateAsync(string code, PatientPageService pages, CancellationToken ct) =>
        await pages.ByCodeAsync(code, ct) is { } token
            ? TypedResults.Text(PatientPageView.From(token).Json(), "application/json; charset=utf-8")
            : NotAvailable();

    private static async Task<IResult> MessagesAsync(
        string code, [FromForm] string? wantsMessages, HttpContext http, PatientPageActions actions, CancellationToken ct)
    {
        if (!bool.TryParse(wantsMessages, out var wants))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Say whether to send messages.", detail: "wantsMessages must be true or false.");
        }

        var done = await actions.MessagesAsync(code, wants, ct);
        return done.IsOk ? BackToPage(code) : Page(http, code, null, null);
    }

    private static async Task<IResult> FeedbackAsync(
        string code, [FromForm] string? score, [FromForm] string? comment, HttpContext http, PatientPageActions actions, PatientPageService pages, CancellationToken ct)
    {
        var given = int.TryParse(score, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        var done = await actions.FeedbackAsync(code, given, comment, ct);
        return done.Value switch
        {
            FeedbackDecision.Accepted => BackToPage(code),
            FeedbackDecision.Refused refused when await pages.ByCodeAsync(code, ct) is { } token =>
                Page(http, code, token, PatientWords.Say(token.Language, PatientWords.Refusal(refused.Reason)), refused.Reason switch
                {
                    FeedbackRefusal.NoScore or FeedbackRefusal.CommentTooLong => StatusCodes.Status400BadRequest,
                    _ => StatusCodes.Status409Conflict,
                }),
            _ => Page(http, code, null, null),
        };
    }

    /// <summary>Post, then see the page again (303): a reload shows the page rather than sending the form twice.</summary>
    private static IResult BackToPage(string code) => new SeeOther($"/t/{Uri.EscapeDataString(code)}");

    private static IResult Page(HttpContext http, string code, PatientTokenPage? token, string? refusal, int status = StatusCodes.Status200OK, ArrivalView? arrival = null)
    {
        var settings = http.RequestServices.GetRequiredService<IOptionsMonitor<PatientPageOptions>>().CurrentValue;
        var form = token is null ? null : http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return new RazorComponentResult<PatientPage>(new Dictionary<string, object?>
        {
            [nameof(PatientPage.View)] = token is null ? null : PatientPageView.From(token),
            [nameof(PatientPage.Code)] = code,
            [nameof(PatientPage.Hospital)] = http.RequestServices.GetRequiredService<IOptionsMonitor<OpdOptions>>().CurrentValue.HospitalName,
            [nameof(PatientPage.Form)] = form is { FormFieldName: { } name, RequestToken: { } value } ? new FormField(name, value) : null,
            [nameof(PatientPage.Refusal)] = refusal,
            [nameof(PatientPage.Arrival)] = arrival,
            [nameof(PatientPage.Poll)] = settings.PollSeconds,
            [nameof(PatientPage.Beat)] = settings.HeartbeatSeconds,
        })
        {
            StatusCode = token is null ? StatusCodes.Status404NotFound : status,
            PreventStreamingRendering = true,
        };
    }

    internal static IResult NotAvailable() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "This token page is not available.", detail: "It works on the day of the token only. Please ask at the reception desk.");

    internal static async ValueTask RefuseAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = "60";
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests from this address.",
                Detail = "Please wait a minute and open the page again.",
            },
        });
    }

    /// <summary>303 See Other: the browser follows a form's post with a GET of the page.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
