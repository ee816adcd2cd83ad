using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;

namespace OpdReception.Api;

internal static class TokensApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>A token for a patient on record (patientId), or for a new patient with what the desk knows of them.</summary>
    public sealed record TokenBody(
        int? SlotId, string? PatientId, string? PatientName, string? PhoneNumber,
        Sex? Sex = null, int? Age = null, DateOnly? BirthDate = null, string? Address = null, string? AbhaNumber = null, string? AbhaAddress = null,
        bool? NewPatient = null, string? Language = null, string? Email = null, bool? MessagesOptOut = null)
    {
        public IssueRequest For(TokenSource? source) => new(SlotId, source, PatientId, PatientName, PhoneNumber,
            new PatientDetails(Sex, Age, BirthDate, Address, AbhaNumber, AbhaAddress, Language, Email, MessagesOptOut) is { IsEmpty: false } details ? details : null,
            NewPatient == true);
    }

    public sealed record AnyTokenBody(
        int? SlotId, TokenSource? Source, string? PatientId, string? PatientName, string? PhoneNumber,
        Sex? Sex = null, int? Age = null, DateOnly? BirthDate = null, string? Address = null, string? AbhaNumber = null, string? AbhaAddress = null,
        bool? NewPatient = null, string? Language = null, string? Email = null, bool? MessagesOptOut = null)
    {
        public IssueRequest Request() =>
            new TokenBody(SlotId, PatientId, PatientName, PhoneNumber, Sex, Age, BirthDate, Address, AbhaNumber, AbhaAddress, NewPatient,
                Language, Email, MessagesOptOut).For(Source);
    }

    public sealed record StatusBody(TokenStatus? Status, string? Reason);

    public sealed record CancelBody(string? Reason);

    public sealed record ReallocateBody(int? TargetSlotId);

    public sealed record MoveBody(int? TargetSlotId);

    public sealed record ContactedBody(string? Note);

    public static void MapTokens(this IEndpointRouteBuilder api)
    {
        var tokens = api.MapGroup("/tokens").WithTags("Tokens");

        MapIssue(tokens, "/book", TokenSource.Online, "Book an online token");
        MapIssue(tokens, "/walkin", TokenSource.WalkIn, "Issue a walk-in token");
        MapIssue(tokens, "/priority", TokenSource.Priority, "Issue a priority (paid) token");
        MapIssue(tokens, "/followup", TokenSource.FollowUp, "Book a follow-up token");
        MapIssue(tokens, "/emergency", TokenSource.Emergency, "Issue an emergency token (never refused for capacity)");
        tokens.MapPost("/", (AnyTokenBody body, [FromHeader(Name = IdempotencyHeader)] string? key, HttpContext http, IssueToken service, CancellationToken ct) =>
                Issue(body.Request(), key, http, service, ct))
            .Produces<TokenView>(StatusCodes.Status201Created).ProducesErrors(400, 404, 409, 422, 429).RequireRateLimiting(RequestLimits.IssueLimit)
            .WithSummary("Issue a token of any source");

        tokens.MapGet("/{id:int}", async (int id, HttpContext http, TokenQueries service, PatientAccessLog accesses, CancellationToken ct) =>
            {
                var token = await service.GetAsync(id, ct);
                if (token.IsOk)
                {
                    accesses.TokenHistory(http.Actor(), token.Value!.PatientId, token.Value.Id);
                }

                return token.ToHttp();
            })
            .Produces<TokenView>().ProducesErrors(404).WithSummary("One token with its full history");

        tokens.MapGet("/patient/{patientId}", async (string patientId, HttpContext http, TokenQueries service, PatientAccessLog accesses, CancellationToken ct) =>
            {
                if (new Validation().Text(patientId, "patientId", "Patient id", 40) is { IsValid: false } bad)
                {
                    return ApiResults.ToHttp(bad.ToProblem());
                }

                var tokens = await service.ByPatientAsync(patientId, ct);
                if (tokens.Count > 0)
                {
                    accesses.TokenHistory(http.Actor(), tokens[0].PatientId, null);
                }

                return TypedResults.Ok(tokens);
            })
            .ProducesErrors(400).WithSummary("All tokens of a patient, newest first");

        tokens.MapGet("/queue/{slotId:int}", async (int slotId, HttpContext http, TokenQueries service, PatientAccessLog accesses, CancellationToken ct) =>
            {
                var queue = await service.QueueAsync(slotId, ct);
                if (queue.IsOk)
                {
                    accesses.Board(http.Actor(), queue.Value!.Slot.DoctorId, queue.Value.Slot.Date);
                }

                return queue.ToHttp();
            })
            .Produces<QueueView>().ProducesErrors(404).WithSummary("The slot's active tokens in queue order");

        tokens.MapPatch("/{id:int}/status", async (int id, StatusBody body, HttpContext http, ChangeTokenStatus service, CancellationToken ct) =>
                RoleLimits.MaySetStatus(http.User.Holds(), body.Status)
                    ? (await service.ChangeStatusAsync(id, body.Status, body.Reason, http.Actor(), ct)).ToHttp()
                    : TypedResults.Problem(RoleLimits.StatusRefusal(body.Status), statusCode: StatusCodes.Status403Forbidden, title: "Forbidden."))
            .Produces<TokenView>().ProducesErrors(400, 404, 409).WithSummary("Move a token along its lifecycle");

        tokens.MapPost("/{id:int}/check-in", async (int id, HttpContext http, ChangeTokenStatus service, CancellationToken ct) =>
                (await service.CheckInAsync(id, http.Actor(), ct)).ToHttp())
            .Produces<TokenView>().ProducesErrors(404, 409).WithSummary("The patient has arrived (late arrivals too)");

        tokens.MapDelete("/{id:int}/cancel", async (int id, [FromBody] CancelBody? body, [FromQuery] string? reason, HttpContext http, ChangeTokenStatus service, CancellationToken ct) =>
                (await service.CancelAsync(id, body?.Reason ?? reason, http.Actor(), ct)).ToHttp())
            .Accepts<CancelBody>("application/json")
            .Produces<TokenView>().ProducesErrors(400, 404, 409).WithSummary("Cancel a token with a reason");

        tokens.MapPost("/reallocate/{slotId:int}", async (int slotId, [FromBody] ReallocateBody? body, [FromQuery] int? targetSlotId, [FromQuery] bool? preview, HttpContext http, ReallocateSlot service, CancellationToken ct) =>
                (preview == true
                    ? await service.WhatIfReallocatedAsync(slotId, body?.TargetSlotId ?? targetSlotId, ct)
                    : await service.ReallocateAsync(slotId, body?.TargetSlotId ?? targetSlotId, http.Actor(), ct)).ToHttp())
            .Accepts<ReallocateBody>("application/json")
            .Produces<ReallocationResult>().ProducesErrors(400, 404, 409).WithSummary("Move a delayed or cancelled slot's pending tokens, each where seen earliest (?preview=true: say what would happen, change nothing)");

        tokens.MapPost("/{id:int}/move", async (int id, MoveBody body, [FromQuery] bool? preview, HttpContext http, MoveToken service, CancellationToken ct) =>
                (preview == true
                    ? await service.WhatIfMovedAsync(id, body.TargetSlotId, ct)
                    : await service.MoveTokenAsync(id, body.TargetSlotId, http.Actor(), ct)).ToHttp())
            .Produces<ReallocationResult>().ProducesErrors(400, 404, 409)
            .WithSummary("Move one patient not yet called to a named slot, of the same doctor or the same specialization (?preview=true: say what would happen, change nothing)");

        tokens.MapGet("/to-contact", async ([FromQuery] string? from, [FromQuery] string? days, ContactPatients service, CancellationToken ct) =>
                int.TryParse(days, out var count) || days is null
                    ? (await service.ListAsync(from, days is null ? null : count, ct)).ToHttp()
                    : ApiResults.ToHttp(OpdProblem.Invalid("days", $"days must be a whole number from 1 to {ContactPatients.MaxDays}.")))
            .Produces<IReadOnlyList<ContactRow>>().ProducesErrors(400)
            .WithSummary("Patients the desk must call: slot cancelled, doctor on leave or moved to another day, until moved, cancelled or marked contacted (from=YYYY-MM-DD, days=1..31)");

        tokens.MapPost("/{id:int}/contacted", async (int id, ContactedBody body, HttpContext http, ContactPatients service, CancellationToken ct) =>
                (await service.MarkContactedAsync(id, body.Note, http.Actor(), ct)).ToHttp())
            .Produces<ContactRow>().ProducesErrors(400, 404, 409).WithSummary("The desk reached a patient on the to-contact list: the note goes into the token's history");
    }

    private static void MapIssue(RouteGroupBuilder tokens, string path, TokenSource source, string summary) =>
        tokens.MapPost(path, (TokenBody body, [FromHeader(Name = IdempotencyHeader)] string? key, HttpContext http, IssueToken service, CancellationToken ct) =>
                Issue(body.For(source), key, http, service, ct))
            .Produces<TokenView>(StatusCodes.Status201Created).ProducesErrors(400, 404, 409, 422, 429).RequireRateLimiting(RequestLimits.IssueLimit)
            .WithSummary(summary);

    /// <summary>
    /// Without a key, as ever. With one, the answer is remembered with the token: a retry gets the same status and
    /// the same bytes (marked Idempotent-Replayed), never a second token.
    /// </summary>
    private static async Task<IResult> Issue(IssueRequest request, string? key, HttpContext http, IssueToken service, CancellationToken ct)
    {
        // An empty header is a malformed key, not an absent one.
        key ??= http.Request.Headers.ContainsKey(IdempotencyHeader) ? "" : null;
        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var actor = http.Actor();
        request = request with { ByBookingSite = (http.User.Holds() & Who.Desk) == 0 };
        var idempotency = key is null ? null : new IssueKey(actor.UserId ?? actor.Name, key, view => JsonSerializer.Serialize(view, json));
        var result = (await service.IssueAsync(request, actor, idempotency, ct)).ForCaller(http.User);
        return result.ToHttp(issued =>
        {
            if (issued.Answer is null)
            {
                return TypedResults.Created($"/api/tokens/{issued.View.Id}", issued.View);
            }

            http.Response.Headers.Location = $"/api/tokens/{issued.View.Id}";
            if (issued.Replayed)
            {
                http.Response.Headers["Idempotent-Replayed"] = "true";
            }

            return TypedResults.Text(issued.Answer, "application/json; charset=utf-8", statusCode: StatusCodes.Status201Created);
        });
    }
}
