using System.Globalization;

namespace OpdReception.Domain;

/// <summary>What the desk records about a patient. An age typed at the desk is kept as an approximate birth date.</summary>
/// <param name="Language">The language of messages (<see cref="MessageLanguages"/>); null for the hospital's default.</param>
public sealed record PatientRecordFields(
    string Name, string? Phone, Sex? Sex, DateOnly? BirthDate, bool BirthDateIsApproximate, string? Address, string? AbhaNumber, string? AbhaAddress,
    string? Language = null, string? Email = null, bool MessagesOptOut = false);

/// <summary>One field of the record changed, in the words the history shows: "Phone", "+91 98111 22334", "+91 98111 22335".</summary>
/// <param name="Sentence">What the history says instead of "field: from → to", where a sentence reads better.</param>
public sealed record FieldChange(string Field, string? From, string? To, string? Sentence = null)
{
    public string Words => Sentence ?? $"{Field}: {From ?? "(none)"} → {To ?? "(none)"}";
}

/// <summary>An edit of the record becomes one history line per field that really changed.</summary>
public static class PatientEdits
{
    public static IReadOnlyList<FieldChange> Between(PatientRecordFields before, PatientRecordFields after)
    {
        var fields = new (string Field, string? From, string? To)[]
        {
            ("Name", before.Name, after.Name),
            ("Phone", before.Phone, after.Phone),
            ("Sex", Sex(before.Sex), Sex(after.Sex)),
            ("Born", Born(before), Born(after)),
            ("Address", before.Address, after.Address),
            ("ABHA number", Abha(before.AbhaNumber), Abha(after.AbhaNumber)),
            ("ABHA address", before.AbhaAddress, after.AbhaAddress),
            ("Language", Language(before.Language), Language(after.Language)),
            ("Email", before.Email, after.Email),
        };
        var changes = fields.Where(f => !string.Equals(f.From, f.To, StringComparison.Ordinal)).Select(f => new FieldChange(f.Field, f.From, f.To)).ToList();
        if (before.MessagesOptOut != after.MessagesOptOut)
        {
            var (from, to) = (before.MessagesOptOut ? "off" : "on", after.MessagesOptOut ? "off" : "on");
            changes.Add(new FieldChange("Messages", from, to, $"Messages turned {to} at the desk"));
        }

        return changes;
    }

    /// <summary>"12 Mar 1986", or "about 1986" for an age typed at the desk.</summary>
    public static string? Born(PatientRecordFields details) => details.BirthDate switch
    {
        null => null,
        { } date when details.BirthDateIsApproximate => $"about {date.Year}",
        { } date => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
    };

    private static string? Language(string? code) => code is null ? null : MessageLanguages.Name(code);

    private static string? Sex(Sex? sex) => sex is { } known ? PatientFacts.Word(known) : null;

    private static string? Abha(string? digits) => digits is null ? null : PatientFacts.ShowAbha(digits);
}

/// <summary>One side of a merge as the rules see it: the record, whether it was merged already, and its active tokens.</summary>
/// <param name="ActiveDays">The doctor-days on which the record holds an active token, with that token's label.</param>
public sealed record MergeSide(string Id, string? MergedIntoId, IReadOnlyList<ActiveDay> ActiveDays);

public sealed record ActiveDay(int DoctorId, DateOnly Date, string Label);

public abstract record MergeDecision;

/// <summary>The merge may go ahead: tokens and history move to the record kept.</summary>
public sealed record MergeAllowed : MergeDecision;

/// <param name="Field">The request's member the refusal is about (reason, from), for a message next to it.</param>
public sealed record MergeRefused(MergeRefusal Kind, string Field, string Reason) : MergeDecision;

public enum MergeRefusal { ReasonMissing, SameRecord, AlreadyMerged, TwoTokensWithOneDoctorDay }

/// <summary>
/// Whether two records of one person may become one. A merge never makes what issuing refuses: one patient with two
/// active tokens for the same doctor on the same day (the desk cancels one first).
/// </summary>
public static class PatientMerge
{
    public static MergeDecision Decide(MergeSide keep, MergeSide from, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new MergeRefused(MergeRefusal.ReasonMissing, "reason", "A merge needs a reason.");
        }

        if (string.Equals(keep.Id, from.Id, StringComparison.OrdinalIgnoreCase))
        {
            return new MergeRefused(MergeRefusal.SameRecord, "from", $"{from.Id} is the record being kept: name the other record of the same patient.");
        }

        if (new[] { keep, from }.FirstOrDefault(s => s.MergedIntoId is not null) is { } merged)
        {
            return new MergeRefused(MergeRefusal.AlreadyMerged, merged == keep ? "id" : "from",
                $"{merged.Id} was already merged into {merged.MergedIntoId}: merge into or from {merged.MergedIntoId} instead.");
        }

        var clash = keep.ActiveDays.Join(from.ActiveDays, k => (k.DoctorId, k.Date), f => (f.DoctorId, f.Date), (k, f) => (Kept: k, From: f)).FirstOrDefault();
        if (clash.Kept is not null)
        {
            return new MergeRefused(MergeRefusal.TwoTokensWithOneDoctorDay, "from",
                $"Both records hold a token with the same doctor on {clash.Kept.Date.ToString("d MMM", CultureInfo.InvariantCulture)} ({clash.Kept.Label} and {clash.From.Label}): cancel one of them first.");
        }

        return new MergeAllowed();
    }
}
