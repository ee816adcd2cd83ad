using OpdReception.Domain;
using OpdReception.Security;
using OpdReception.Services;

namespace OpdReception.Api;

/// <summary>The desk's patient records: read one, correct its details, merge a second record of the same person into it.</summary>
internal static class PatientsApi
{
    public sealed record PatientBody(
        string? Name, string? Phone, Sex? Sex, DateOnly? BirthDate, int? Age, string? Address, string? AbhaNumber, string? AbhaAddress,
        string? Language = null, string? Email = null, bool? MessagesOptOut = null);

    public sealed record MergeBody(string? From, string? Reason);

    public sealed record EraseBody(string? Reason);

    public static void MapPatients(this IEndpointRouteBuilder api)
    {
        var patients = api.MapGroup("/patients").WithTags("Patients");

        patients.MapGet("/{id}", async (string id, HttpContext http, PatientRecords service, PatientAccessLog accesses, CancellationToken ct) =>
            {
                var record = await service.RecordAsync(id, ct);
                if (record.IsOk)
                {
                    accesses.Record(http.Actor(), record.Value!.Id);
                }

                return record.ToHttp();
            })
            .Produces<PatientRecordView>().ProducesErrors(400, 404)
            .WithSummary("A patient's record: details, today's tokens, visits of other days and the record's history");

        patients.MapPut("/{id}", async (string id, PatientBody? body, HttpContext http, EditPatient service, CancellationToken ct) =>
                (await service.EditAsync(id, body is null ? null : new PatientEdit(body.Name, body.Phone, body.Sex, body.BirthDate, body.Age, body.Address, body.AbhaNumber, body.AbhaAddress,
                        body.Language, body.Email, body.MessagesOptOut),
                    http.Actor(), ct)).ToHttp())
            .Produces<PatientRecordView>().ProducesErrors(400, 404, 409)
            .WithSummary("Correct a patient's details (every field as it should read; age in years or birth date; language, email and messagesOptOut unchanged when left out); each change goes into the record's history");

        patients.MapPost("/{id}/merge", async (string id, MergeBody? body, HttpContext http, MergePatients service, CancellationToken ct) =>
                (await service.MergeAsync(id, body?.From, body?.Reason, http.Actor(), ct)).ToHttp())
            .Produces<PatientRecordView>().ProducesErrors(400, 404, 409)
            .WithSummary("Merge the record named in `from` into this one, with a reason: its tokens and history move here");

        patients.MapGet("/{id}/accesses", async (string id, PatientAccessLog service, CancellationToken ct) =>
                (await service.ForPatientAsync(id, ct)).ToHttp())
            .Produces<IReadOnlyList<PatientAccessView>>().ProducesErrors(400, 404)
            .WithSummary("Who opened this patient's record or token history, or a board of a day the patient had a token on, newest first (admins)");

        patients.MapPost("/{id}/erase", async (string id, EraseBody? body, HttpContext http, ErasePatients service, CancellationToken ct) =>
                (await service.EraseAsync(id, body?.Reason, http.Actor(), ct)).ToHttp())
            .Produces<PatientRecordView>().ProducesErrors(400, 404, 409)
            .WithSummary("Erase a patient's name, phone, email, address, ABHA and date of birth on request, with a reason; the tokens stay, anonymised (admins)");
    }
}
