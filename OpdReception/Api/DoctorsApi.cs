using System.Text.Json.Serialization;
using OpdReception.Services;

namespace OpdReception.Api;

internal static class DoctorsApi
{
    /// <summary>
    /// The reference's own example writes <c>opd_days</c>; both spellings are accepted so its days are never
    /// dropped. Any other unknown member is refused (see <see cref="OpdApi"/>).
    /// </summary>
    public sealed record DoctorBody(
        string? Name,
        string? Specialization,
        IReadOnlyList<string>? OpdDays,
        string? Room,
        [property: JsonPropertyName("opd_days")] IReadOnlyList<string>? OpdDaysAsWritten = null,
        string? LabelPrefix = null)
    {
        public Result<DoctorRequest> ToRequest() => OpdDays is not null && OpdDaysAsWritten is not null
            ? OpdProblem.Invalid("opdDays", "Give the days once, as opdDays or as opd_days, not both.")
            : new DoctorRequest(Name, Specialization, OpdDays ?? OpdDaysAsWritten, Room, LabelPrefix);
    }

    public static void MapDoctors(this IEndpointRouteBuilder api)
    {
        var doctors = api.MapGroup("/doctors").WithTags("Doctors");

        doctors.MapGet("/", async (string? specialization, bool? includeInactive, DoctorService service, CancellationToken ct) =>
                TypedResults.Ok(await service.ListAsync(specialization, ct, includeInactive == true)))
            .WithSummary("The doctors who see patients, or those of one specialization; includeInactive=true adds deactivated ones");

        doctors.MapGet("/{id:int}", async (int id, DoctorService service, CancellationToken ct) =>
                (await service.GetAsync(id, ct)).ToHttp())
            .Produces<DoctorView>().ProducesErrors(404).WithSummary("One doctor");

        doctors.MapPost("/", async (DoctorBody body, DoctorService service, HttpContext http, CancellationToken ct) =>
                body.ToRequest() is { IsOk: false } bad ? ApiResults.ToHttp(bad.Problem!)
                    : (await service.CreateAsync(body.ToRequest().Value!, http.Actor(), ct)).ToHttp(d => TypedResults.Created($"/api/doctors/{d.Id}", d)))
            .Produces<DoctorView>(StatusCodes.Status201Created).ProducesErrors(400).WithSummary("Add a doctor");

        doctors.MapPut("/{id:int}", async (int id, DoctorBody body, DoctorService service, HttpContext http, CancellationToken ct) =>
                body.ToRequest() is { IsOk: false } bad ? ApiResults.ToHttp(bad.Problem!)
                    : (await service.UpdateAsync(id, body.ToRequest().Value!, http.Actor(), ct)).ToHttp())
            .Produces<DoctorView>().ProducesErrors(400, 404).WithSummary("Change a doctor's details");

        doctors.MapDelete("/{id:int}", async (int id, DoctorService service, HttpContext http, CancellationToken ct) =>
                (await service.DeleteAsync(id, http.Actor(), ct)).ToHttp())
            .Produces<DoctorView>().ProducesErrors(404, 409).WithSummary("Remove a doctor who has no tokens on record");

        doctors.MapGet("/{id:int}/queue", async (int id, DateOnly? date, HttpContext http, TokenQueries service, PatientAccessLog accesses, CancellationToken ct) =>
            {
                var day = await service.DayQueueAsync(id, date, ct);
                if (day.IsOk)
                {
                    accesses.Board(http.Actor(), day.Value!.Doctor.Id, day.Value.Date);
                }

                return day.ToHttp();
            })
            .Produces<DayQueueView>().ProducesErrors(400, 404)
            .WithSummary("The doctor's day queue (today unless ?date=): every active token in the order the doctor sees them, with position, estimate and reason");

        doctors.MapPost("/{id:int}/call-next", async (int id, DateOnly? date, HttpContext http, CallNext service, CancellationToken ct) =>
                (await service.CallNextForDoctorAsync(id, date, http.Actor(), ct)).ToHttp())
            .Produces<TokenView>().ProducesErrors(400, 404, 409)
            .WithSummary("The doctor calls the first checked-in patient of their day queue (today unless ?date=)");
    }
}
