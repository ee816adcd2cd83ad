using Microsoft.EntityFrameworkCore;
using OpdReception.Domain;

namespace OpdReception.Services;

public sealed partial class DeskService
{
    /// <summary>The patient's card at the desk: every field on record; null when no such patient.</summary>
    public async Task<PatientCardView?> PatientCardAsync(string? patientId, CancellationToken ct = default)
    {
        if (Validation.Clean(patientId)?.ToUpperInvariant() is not { } id)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        return patient is null
            ? null
            : new PatientCardView(patient.Id, patient.Name, patient.Phone,
                PatientFacts.SexAndAge(patient.Sex, patient.BirthDate, patient.BirthDateIsApproximate, Today()),
                patient.BirthDate, patient.BirthDateIsApproximate, patient.Address,
                patient.AbhaNumber is { } abha ? PatientFacts.ShowAbha(abha) : null, patient.AbhaAddress, patient.MergedIntoId);
    }
}
