using OpdReception.Services;

namespace OpdReception.Api;

internal static class DoctorsApi
{
    public static void MapDoctors(this IEndpointRouteBuilder api)
    {
        var doctors = api.MapGroup("/doctors").WithTags("Doctors");

        doctors.MapGet("/", async (string? specialization, bool? includeInactive, DoctorService service, CancellationToken ct) =>
                TypedResults.Ok(await service.ListAsync(specialization, ct, includeInactive == true)))
            .WithSummary("The doctors who see patients, or those of one specialization; includeInactive=true adds deactivated ones");

        doctors.MapGet("/{id:int}", async (int id, DoctorService service, CancellationToken ct) =>
                (await service.GetAsync(id, ct)).ToHttp())
            .Produces<DoctorView>().ProducesErrors(404).WithSummary("One doctor");

        doctors.MapPost("/", async (DoctorRequest body, DoctorService service, CancellationToken ct) =>
                (await service.CreateAsync(body, ct)).ToHttp(d => TypedResults.Created($"/api/doctors/{d.Id}", d)))
            .Produces<DoctorView>(StatusCodes.Status201Created).ProducesErrors(400).WithSummary("Add a doctor");

        doctors.MapPut("/{id:int}", async (int id, DoctorRequest body, DoctorService service, CancellationToken ct) =>
                (await service.UpdateAsync(id, body, ct)).ToHttp())
            .Produces<DoctorView>().ProducesErrors(400, 404).WithSummary("Change a doctor's details");

        doctors.MapDelete("/{id:int}", async (int id, DoctorService service, CancellationToken ct) =>
                (await service.DeleteAsync(id, ct)).ToHttp())
            .Produces<DoctorView>().ProducesErrors(404, 409).WithSummary("Remove a doctor who has no tokens on record");
    }
}
