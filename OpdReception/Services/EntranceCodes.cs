using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>Self check-in's settings, in the "Opd" section beside the others.</summary>
public sealed class SelfCheckInOptions
{
    /// <summary>How many minutes before the patient's slot self check-in opens (it closes when the slot runs out).</summary>
    [Range(0, 600)] public int SelfCheckInOpensMinutes { get; set; } = 60;

    /// <summary>
    /// "I have arrived" and kiosk check-ins one client address may try per minute before answers are 429: a kiosk
    /// checks in one patient every few seconds at most, while guessing phones and labels needs thousands.
    /// </summary>
    [Range(1, 10_000)] public int SelfCheckInsPerMinutePerClient { get; set; } = 30;
}

/// <summary>Today's entrance code and the kiosks' keys, from the site's secret (made on first use, kept in the database).</summary>
public sealed class EntranceCodes(IDbContextFactory<OpdDbContext> factory, HospitalClock clock)
{
    private const string Purpose = "self-check-in";

    private volatile byte[]? _secret;

    /// <summary>The entrance sheet is of the calendar day: the desk prints a new one each morning.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.Now);

    /// <summary>When today's code stops working: the hospital's midnight.</summary>
    public DateTimeOffset DayEndsAt
    {
        get
        {
            var midnight = Today.AddDays(1).ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(midnight, clock.OffsetAt(midnight));
        }
    }

    public async Task<string> TodayAsync(CancellationToken ct = default) => EntranceCode.For(await SecretAsync(ct), Today);

    public async Task<bool> IsTodayAsync(string? code, CancellationToken ct = default) => EntranceCode.IsFor(await SecretAsync(ct), Today, code);

    public async Task<string> KioskKeyAsync(string kiosk, CancellationToken ct = default) => EntranceCode.KioskKey(await SecretAsync(ct), kiosk);

    public async Task<bool> IsKioskAsync(string? kiosk, string? key, CancellationToken ct = default) =>
        EntranceCode.IsKiosk(await SecretAsync(ct), kiosk, key);

    /// <summary>At start: the site's secret exists from the first start on.</summary>
    public Task PrepareAsync(CancellationToken ct = default) => SecretAsync(ct);

    private async Task<byte[]> SecretAsync(CancellationToken ct)
    {
        if (_secret is { } known)
        {
            return known;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var stored = await db.SiteSecrets.AsNoTracking().Where(s => s.Purpose == Purpose).Select(s => s.Value).FirstOrDefaultAsync(ct);
        if (stored is null)
        {
            // Two first requests at once: the write transaction lets one make it and the other read it.
            await using var tx = await WriteTransaction.BeginAsync(db, ct);
            stored = await db.SiteSecrets.AsNoTracking().Where(s => s.Purpose == Purpose).Select(s => s.Value).FirstOrDefaultAsync(ct);
            if (stored is null)
            {
                stored = RandomNumberGenerator.GetBytes(32);
                db.SiteSecrets.Add(new SiteSecret { Purpose = Purpose, Value = stored, CreatedAt = clock.Now });
                await db.SaveChangesAsync(ct);
            }

            await tx.CommitAsync(ct);
        }

        return _secret = stored;
    }
}
