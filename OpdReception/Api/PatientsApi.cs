using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Api;

/// <summary>The desk's patient records: read one, correct its details, merge a second record of the same person into it.</summary>
internal static class PatientsApi
{
    public sealed record PatientBody(
        string? Name, string? Phone, Sex? Sex, DateOnly? BirthDate, int? Age, string? Address, string? AbhaNumber, string? AbhaAddress);

    public sealed record MergeBody(string? From, string? Reason);

    public static void MapPatients(this IEndpointRouteBuilder api)
    {
        var patients = api.MapGroup("/patients").WithTags("Patients");

        patients.MapGet("/{id}", async (string id, PatientRecords service, CancellationToken ct) =>
                (await service.RecordAsync(id, ct)).ToHttp())
            .Produces<PatientRecordView>().ProducesErrors(400, 404)
            .WithSummary("A patient's record: details, today's tokens, visits of other days and the record's history");

        patients.MapPut("/{id}", async (string id, PatientBody? body, HttpContext http, EditPatient service, CancellationToken ct) =>
                (await service.EditAsync(id, body is null ? null : new PatientEdit(body.Name, body.Phone, body.Sex, body.BirthDate, body.Age, body.Address, body.AbhaNumber, body.AbhaAddress),
                    http.Actor(), ct)).ToHttp())
            .Produces<PatientRecordView>().ProducesErrors(400, 404, 409)
            .WithSummary("Correct a patient's details (every field as it should read; age in years or birth date); each change goes into the record's history");

        patients.MapPost("/{id}/merge", async (string id, MergeBody? body, HttpContext http, MergePatients service, CancellationToken ct) =>
                (await service.MergeAsync(id, body?.From, body?.Reason, http.Actor(), ct)).ToHttp())
            .Produces<PatientRecordView>().ProducesErrors(400, 404, 409)
            .WithSummary("Merge the record named in `from` into this one, with a reason: its tokens and history move here");
    }
}
