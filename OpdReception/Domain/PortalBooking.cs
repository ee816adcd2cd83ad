namespace OpdReception.Domain;

/// <summary>What the booking site's request says about a registered patient's record.</summary>
public abstract record PortalRecordCheck;

/// <summary>The booking goes ahead against the record as it is; the site writes nothing to it.</summary>
public sealed record BooksAsRecorded : PortalRecordCheck;

/// <summary>The site was given another phone than the one on record: only the desk, with the patient, corrects it.</summary>
public sealed record PhoneDiffers : PortalRecordCheck;

/// <summary>
/// The booking site is typed into by anyone who knows a hospital number, so it never changes a registered
/// patient's contact: a phone that differs from the record's is refused rather than written over it.
/// </summary>
public static class PortalBooking
{
    public static PortalRecordCheck Check(string? phoneOnRecord, string? phoneGiven) =>
        Key(phoneOnRecord) is { } recorded && Key(phoneGiven) is { } given && recorded != given
            ? new PhoneDiffers()
            : new BooksAsRecorded();

    // Spacing, dashes and the country code are how a number is typed, not a different number.
    private static string? Key(string? phone) =>
        PatientFacts.PhoneKey(phone) ?? (string.IsNullOrWhiteSpace(phone) ? null : phone.Trim());
}
