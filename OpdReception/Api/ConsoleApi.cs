using System.Globalization;
using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Api;

/// <summary>The doctor's console as an API: the same one-press actions, on the doctor's own patients of today.</summary>
internal static class ConsoleApi
{
    public sealed record LateBody(int? Minutes);

    public sealed record BreakBody(string? BackAt);

    public static void MapConsole(this IEndpointRouteBuilder api)
    {
        var doctor = api.MapGroup("/doctors/{id:int}").WithTags("Doctor's console");

        doctor.MapGet("/console", async (int id, HttpContext http, ConsoleService service, PatientAccessLog accesses, CancellationToken ct) =>
            {
                var day = await service.DayAsync(id, http.Actor().UserId, ct);
                if (day.IsOk)
                {
                    accesses.Board(http.Actor(), day.Value!.Doctor.Id, day.Value.Date);
                }

                return day.ToHttp();
            })
            .Produces<ConsoleDay>().ProducesErrors(404).WithSummary("The doctor's day: the patient with them, the queue, counts, session end, what Undo would take back");

        doctor.MapPost("/tokens/{tokenId:int}/recall", async (int id, int tokenId, HttpContext http, ConsoleService service, CancellationToken ct) =>
                (await service.RecallAsync(id, tokenId, http.Actor(), ct)).ToHttp())
            .Produces<TokenView>().ProducesErrors(404, 409).WithSummary("Call the same patient again (shown again on the display; the recall is counted)");

        doctor.MapPost("/tokens/{tokenId:int}/not-here", async (int id, int tokenId, HttpContext http, ConsoleService service, CancellationToken ct) =>
                (await service.NotHereAsync(id, tokenId, http.Actor(), ct)).ToHttp())
            .Produces<TokenView>().ProducesErrors(404, 409).WithSummary("The called patient is not here: back to waiting, or a no-show after Opd:RecallsBeforeNoShow recalls");

        doctor.MapPost("/tokens/{tokenId:int}/no-show", async (int id, int tokenId, HttpContext http, ConsoleService service, CancellationToken ct) =>
                (await service.NoShowAsync(id, tokenId, http.Actor(), ct)).ToHttp())
            .Produces<TokenView>().ProducesErrors(404, 409).WithSummary("The patient did not come");

        doctor.MapPost("/tokens/{tokenId:int}/complete", async (int id, int tokenId, HttpContext http, ConsoleService service, CancellationToken ct) =>
                (await service.CompleteAsync(id, tokenId, http.Actor(), ct)).ToHttp())
            .Produces<TokenView>().ProducesErrors(404, 409).WithSummary("The consultation is over");

        doctor.MapPost("/undo", async (int id, HttpContext http, ConsoleService service, CancellationToken ct) =>
                (await service.UndoAsync(id, http.Actor(), ct)).ToHttp())
            .Produces<TokenView>().ProducesErrors(404, 409).WithSummary("Take back your last action within two minutes (kept in the history)");

        doctor.MapPost("/running-late", async (int id, LateBody body, HttpContext http, ConsoleService service, CancellationToken ct) =>
                body.Minutes is not ({ } and >= 1 and <= DoctorAway.MaxLateMinutes)
                    ? ApiResults.ToHttp(OpdProblem.Invalid("minutes", $"Minutes is required, from 1 to {DoctorAway.MaxLateMinutes}."))
                    : (await service.AwayAsync(id, new AwayRequest.Late(body.Minutes.Value), http.Actor(), ct)).ToHttp(n => TypedResults.Ok(new { notice = n })))
            .ProducesErrors(400, 404, 409).WithSummary("Running late by N minutes: every estimate of the day moves");

        doctor.MapPost("/break", async (int id, BreakBody body, HttpContext http, ConsoleService service, CancellationToken ct) =>
                !TimeOnly.TryParseExact(body.BackAt?.Trim() ?? "", ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                    ? ApiResults.ToHttp(OpdProblem.Invalid("backAt", "Back at is required as HH:mm, for example 11:15."))
                    : (await service.AwayAsync(id, new AwayRequest.BackAt(at), http.Actor(), ct)).ToHttp(n => TypedResults.Ok(new { notice = n })))
            .ProducesErrors(400, 404, 409).WithSummary("On a break, back at hh:mm: nobody is expected before then");

        doctor.MapPost("/on-time", async (int id, HttpContext http, ConsoleService service, CancellationToken ct) =>
                (await service.AwayAsync(id, new AwayRequest.OnTime(), http.Actor(), ct)).ToHttp(n => TypedResults.Ok(new { notice = n })))
            .ProducesErrors(404, 409).WithSummary("Back on time: the remaining slots lose their delay");
    }
}
