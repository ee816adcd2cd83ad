using Microsoft.AspNetCore.Mvc;
using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Api;

internal static class SlotsApi
{
    public sealed record ReasonBody(string? Reason);

    public static void MapSlots(this IEndpointRouteBuilder api)
    {
        var slots = api.MapGroup("/slots").WithTags("Slots");

        slots.MapGet("/", async (DateOnly? date, int? doctorId, SlotService service, CancellationToken ct) =>
                TypedResults.Ok(await service.ListAsync(date, doctorId, ct)))
            .ProducesErrors(400).WithSummary("Slots, optionally of one date and/or one doctor");

        slots.MapPost("/", async (SlotRequest body, SlotService service, CancellationToken ct) =>
                (await service.CreateAsync(body, ct)).ToHttp(s => TypedResults.Created($"/api/slots/{s.Id}", s)))
            .Produces<SlotView>(StatusCodes.Status201Created).ProducesErrors(400, 404, 409).WithSummary("Open a slot");

        slots.MapGet("/{id:int}", async (int id, SlotService service, CancellationToken ct) =>
                (await service.GetAsync(id, ct)).ToHttp())
            .Produces<SlotView>().ProducesErrors(404).WithSummary("One slot with its capacity and seats taken");

        slots.MapPut("/{id:int}", async (int id, SlotRequest body, SlotService service, CancellationToken ct) =>
                (await service.UpdateAsync(id, body, ct)).ToHttp())
            .Produces<SlotView>().ProducesErrors(400, 404, 409).WithSummary("Change a slot's times or capacity");

        slots.MapDelete("/{id:int}", async (int id, SlotService service, CancellationToken ct) =>
                (await service.DeleteAsync(id, ct)).ToHttp())
            .Produces<SlotView>().ProducesErrors(404, 409).WithSummary("Remove a slot that never issued a token");

        slots.MapGet("/doctor/{doctorId:int}", async (int doctorId, SlotService service, CancellationToken ct) =>
                (await service.ByDoctorAsync(doctorId, ct)).ToHttp())
            .Produces<IReadOnlyList<SlotView>>().ProducesErrors(404).WithSummary("All slots of a doctor");

        // The booking portal books online: unless it says otherwise, it is shown the slots an online booking may take.
        slots.MapGet("/doctor/{doctorId:int}/available", async (int doctorId, DateOnly date, TokenSource? source, HttpContext http, SlotService service, CancellationToken ct) =>
                (await service.AvailableAsync(doctorId, date, ct,
                    source ?? (http.User.IsInRole(Security.Roles.BookingPortal) ? TokenSource.Online : TokenSource.WalkIn))).ToHttp())
            .Produces<IReadOnlyList<SlotView>>().ProducesErrors(400, 404)
            .WithSummary("A doctor's slots on a date that would issue a token now; source=Online (the booking portal's default) leaves out a slot whose free seats are all held for walk-ins");

        slots.MapPatch("/{id:int}/delay", async (int id, [FromQuery(Name = "delay_minutes")] int delayMinutes, SlotService service, CancellationToken ct) =>
                (await service.DelayAsync(id, delayMinutes, ct)).ToHttp())
            .Produces<SlotView>().ProducesErrors(400, 404, 409).WithSummary("Mark the doctor delayed by N minutes (0 = back on time)");

        // ?preview=true writes nothing and answers where the patients would go, as the admin's cancel preview does.
        slots.MapPost("/{id:int}/cancel", async (int id, ReasonBody body, bool? preview, HttpContext http, SlotService service, TakeLeave leave, CancellationToken ct) =>
                preview == true
                    ? (await leave.CancelSlotAsync(id, body.Reason, null, ct)).ToHttp()
                    : (await service.CancelAsync(id, body.Reason, http.Actor(), ct)).ToHttp())
            .Produces<SlotView>().Produces<CancellationView>().ProducesErrors(400, 404, 409)
            .WithSummary("Cancel a slot (recorded in the admin's history); reallocate its tokens next. ?preview=true shows where its patients would go and writes nothing");

        slots.MapPost("/{id:int}/close", async (int id, SlotService service, CancellationToken ct) =>
                (await service.CloseAsync(id, ct)).ToHttp())
            .Produces<SlotView>().ProducesErrors(404, 409).WithSummary("Stop issuing tokens in a slot");

        slots.MapGet("/{id:int}/stats", async (int id, SlotService service, CancellationToken ct) =>
                (await service.StatsAsync(id, ct)).ToHttp())
            .Produces<SlotStats>().ProducesErrors(404).WithSummary("Counts by status and source");

        slots.MapPost("/{id:int}/call-next", async (int id, HttpContext http, CallNext service, CancellationToken ct) =>
                (await service.CallNextAsync(id, http.Actor(), ct)).ToHttp())
            .Produces<TokenView>().ProducesErrors(404, 409).WithSummary("The doctor calls the next checked-in patient");
    }
}
