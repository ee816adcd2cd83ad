using System.Globalization;

namespace OpdReception.Domain;

/// <summary>The fields of an ABDM profile share as they arrive (all text, any of them missing).</summary>
public sealed record ProfileShareInput(
    string? Intent, string? HipId, string? Counter, string? AbhaNumber, string? AbhaAddress, string? Name, string? Gender,
    string? DayOfBirth, string? MonthOfBirth, string? YearOfBirth, string? AddressLine, string? District, string? State,
    string? Pincode, string? Phone);

/// <summary>A share read into the desk's own facts; BirthDate is approximate when the app gave only a year.</summary>
public sealed record SharedProfile(
    string HipId, string Counter, string? AbhaNumber, string AbhaAddress, string Name, Sex? Sex, DateOnly? BirthDate,
    bool BirthDateIsApproximate, string? Phone, string? Address);

/// <summary>What reading a share decided.</summary>
public abstract record ShareReading
{
    private ShareReading()
    {
    }

    public sealed record Read(SharedProfile Profile) : ShareReading;

    /// <summary>The share names another facility: not ours to seat.</summary>
    public sealed record OtherFacility(string HipId) : ShareReading;

    /// <summary>A field is missing or not what ABDM sends; named for the ProblemDetails answer.</summary>
    public sealed record Malformed(string Field, string Problem) : ShareReading;
}

public static class ProfileShares
{
    public const int MaxCounter = 40;
    public const int MaxName = 100;

    public static ShareReading Read(ProfileShareInput input, string ourHipId, DateOnly today)
    {
        if (input.Intent != "PROFILE_SHARE")
        {
            return new ShareReading.Malformed("intent", "must be PROFILE_SHARE");
        }

        if (Clean(input.HipId) is not { } hipId)
        {
            return new ShareReading.Malformed("metaData.hipId", "is missing");
        }

        if (!string.Equals(hipId, ourHipId, StringComparison.OrdinalIgnoreCase))
        {
            return new ShareReading.OtherFacility(hipId);
        }

        if (Clean(input.Counter) is not { Length: <= MaxCounter } counter)
        {
            return new ShareReading.Malformed("metaData.context", $"must be a counter code of 1 to {MaxCounter} characters");
        }

        if (Clean(input.AbhaAddress) is not { } typedAddress || PatientFacts.AbhaAddress(typedAddress) is not { } abhaAddress)
        {
            return new ShareReading.Malformed("profile.patient.abhaAddress", "must be an ABHA address such as name@abdm");
        }

        string? abhaNumber = null;
        if (Clean(input.AbhaNumber) is { } typedNumber && (abhaNumber = PatientFacts.AbhaDigits(typedNumber)) is null)
        {
            return new ShareReading.Malformed("profile.patient.abhaNumber", "must be 14 digits");
        }

        if (Clean(input.Name) is not { Length: <= MaxName } name)
        {
            return new ShareReading.Malformed("profile.patient.name", $"must be 1 to {MaxName} characters");
        }

        var gender = Clean(input.Gender);
        Sex? sex = gender switch
        {
            "F" => Sex.Female,
            "M" => Sex.Male,
            "O" => Sex.Other,
            _ => null,
        };
        if (gender is not null && sex is null)
        {
            return new ShareReading.Malformed("profile.patient.gender", "must be M, F or O");
        }

        var (birthDate, approximate, problem) = Birth(input, today);
        if (problem is not null)
        {
            return new ShareReading.Malformed("profile.patient.yearOfBirth", problem);
        }

        var phone = Clean(input.Phone);
        if (phone is not null && PatientFacts.PhoneKey(phone) is null)
        {
            return new ShareReading.Malformed("profile.patient.phoneNumber", "must be a phone number");
        }

        var address = string.Join(", ", new[] { input.AddressLine, input.District, input.State, input.Pincode }.Select(Clean).OfType<string>());
        return new ShareReading.Read(new SharedProfile(
            hipId, counter, abhaNumber, abhaAddress, name, sex, birthDate, approximate, phone,
            address.Length == 0 ? null : address.Length > PatientFacts.MaxAddress ? address[..PatientFacts.MaxAddress] : address));
    }

    private static (DateOnly? Date, bool Approximate, string? Problem) Birth(ProfileShareInput input, DateOnly today)
    {
        if (Clean(input.YearOfBirth) is not { } yearText)
        {
            return (null, false, null);
        }

        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1 || year > 9999)
        {
            return (null, false, "must be a year");
        }

        var hasDay = int.TryParse(Clean(input.DayOfBirth), NumberStyles.None, CultureInfo.InvariantCulture, out var day);
        var hasMonth = int.TryParse(Clean(input.MonthOfBirth), NumberStyles.None, CultureInfo.InvariantCulture, out var month);
        DateOnly date;
        var approximate = !(hasDay && hasMonth);
        if (!approximate && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            date = new DateOnly(year, month, day);
        }
        else if (!approximate)
        {
            return (null, false, "gives no such date");
        }
        else
        {
            // Only a year: the middle of it is at most half a year off either way.
            date = new DateOnly(year, 7, 1);
        }

        var problem = PatientFacts.BirthDateProblem(approximate && date > today ? today : date, today);
        return (approximate && date > today ? today : date, approximate, problem is null ? null : "date of birth " + problem);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
