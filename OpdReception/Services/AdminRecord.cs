using OpdReception.Data;

namespace OpdReception.Services;

/// <summary>Writes one line of the admin's record in the caller's transaction, so the record and the change commit together.</summary>
public static class AdminRecord
{
    public static void Add(OpdDbContext db, DateTime at, Actor by, string area, string subject, string details) =>
        db.AdminChanges.Add(new AdminChange
        {
            At = at,
            By = Trim(by.Name, 100),
            ByUserId = by.UserId,
            Area = area,
            Subject = Trim(subject, 200),
            Details = Trim(details, 2000),
        });

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..max];
}

public sealed record AdminChangeView(long Id, DateTime At, string By, string Area, string Subject, string Details);
