using OpdReception.Domain;

namespace OpdReception.Services;

public sealed partial class Validation
{
    /// <summary>A patient's details as the desk gives them: each wrong field named, with what it may be.</summary>
    public Validation Patient(PatientDetails? details, DateOnly today)
    {
        if (details is null)
        {
            return this;
        }

        return Require(details.Sex is not { } sex || Enum.IsDefined(sex), "sex", "Sex must be Female, Male or Other.")
            .Require(details.Age is null || details.BirthDate is null, "age", "Give the age or the date of birth, not both.")
            .Require(details.Age is not { } age || PatientFacts.AgeProblem(age) is null, "age", $"Age {PatientFacts.AgeProblem(details.Age ?? 0)}.")
            .Require(details.BirthDate is not { } born || PatientFacts.BirthDateProblem(born, today) is null, "birthDate",
                $"Date of birth {(details.BirthDate is { } b ? PatientFacts.BirthDateProblem(b, today) : null)}.")
            .Text(details.Address, "address", "Address", PatientFacts.MaxAddress)
            .Require(Clean(details.AbhaNumber) is not { } number || PatientFacts.AbhaDigits(number) is not null, "abhaNumber",
                "ABHA number must be 14 digits, such as 12-3456-7890-1234.")
            .Require(Clean(details.AbhaAddress) is not { } address || (address.Length <= 100 && PatientFacts.AbhaAddress(address) is not null), "abhaAddress",
                "ABHA address must be a name of 4 to 32 letters, digits, dots or underscores, then @abdm (or @sbx), such as asha.verma@abdm.")
            .Contact(details.Language, details.Email);
    }

    /// <summary>The language of a patient's messages and their email, each optional; a wrong one is refused by name.</summary>
    public Validation Contact(string? language, string? email)
    {
        return Require(Clean(language) is not { } code || MessageLanguages.Code(code) is not null, "language",
                $"Language must be {MessageLanguages.Described}.")
            .Require(Clean(email) is not { } address || PatientEmail.Parse(address) is not null, "email",
                $"Email must be one address such as asha.verma@example.in, at most {PatientEmail.MaxLength} characters.");
    }
}
