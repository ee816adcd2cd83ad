using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <param name="LogoUrl">Where the logo is served, with its version so a new upload is never hidden by a cache; null without a logo.</param>
public sealed record AppearanceView(string HospitalName, string PrimaryColour, string DefaultColour, string? LogoUrl);

public sealed record ColourBody(string? PrimaryColour);

/// <summary>The served logo: its bytes and type, and the version in its address.</summary>
public sealed record LogoFile(byte[] Bytes, string ContentType, long Version);

/// <summary>
/// The hospital's look: its colour (a setting row like the others) and its logo (one row of its own). Each change is
/// read -> decide (<see cref="AppearanceRules"/>) -> written with a line of the admin's record, then in effect at once.
/// The logo is kept in memory after its first read: every page with the app bar shows it.
/// </summary>
public sealed class AppearanceService(
    IDbContextFactory<OpdDbContext> factory,
    IOptionsMonitor<OpdOptions> options,
    SettingsStore store,
    HospitalClock clock,
    OpdChanges changes)
{
    public const string LogoPath = "/branding/logo";

    private volatile StrongBox<LogoFile?>? _logo;

    public async Task<AppearanceView> GetAsync(CancellationToken ct = default)
    {
        var logo = await LogoAsync(ct);
        var o = options.CurrentValue;
        return new AppearanceView(o.HospitalName, o.PrimaryColour, AppearanceRules.DefaultColour, logo is null ? null : $"{LogoPath}?v={logo.Version}");
    }

    public async Task<LogoFile?> LogoAsync(CancellationToken ct = default)
    {
        if (_logo is { } known)
        {
            return known.Value;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Logos.AsNoTracking().OrderBy(l => l.Id).FirstOrDefaultAsync(ct);
        var logo = row is null ? null : new LogoFile(row.Bytes, row.ContentType, row.UploadedAt.Ticks);
        _logo = new StrongBox<LogoFile?>(logo);
        return logo;
    }

    public async Task<Result<AppearanceView>> SaveColourAsync(string? wanted, Actor by, CancellationToken ct = default)
    {
        string hex;
        switch (AppearanceRules.CheckColour(wanted))
        {
            case ColourRefused refused:
                return OpdProblem.Invalid("primaryColour", refused.Reason);
            case ColourAccepted accepted:
                hex = accepted.Hex;
                break;
            default:
                throw new InvalidOperationException("A colour is either accepted or refused.");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var rows = await db.Settings.ToDictionaryAsync(s => s.Key, ct);
        var key = nameof(OpdOptions.PrimaryColour);
        var from = rows.TryGetValue(key, out var row) ? row.Value : options.CurrentValue.PrimaryColour;
        if (from != hex)
        {
            if (row is null)
            {
                db.Settings.Add(rows[key] = new OpdSetting { Key = key, Value = hex });
            }
            else
            {
                row.Value = hex;
            }

            AdminRecord.Add(db, clock.Now, by, "Setting", "Primary colour", $"{from} → {hex}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            store.Replace(rows.Values.ToDictionary(r => r.Key, r => r.Value));
            changes.Announce(new OpdChange(0, null, "settings"));
        }

        return await GetAsync(ct);
    }

    public async Task<Result<AppearanceView>> SaveLogoAsync(byte[] bytes, Actor by, CancellationToken ct = default)
    {
        string type;
        switch (AppearanceRules.CheckLogo(bytes))
        {
            case LogoRefused refused:
                return OpdProblem.Invalid("logo", refused.Reason);
            case LogoAccepted accepted:
                type = accepted.ContentType;
                break;
            default:
                throw new InvalidOperationException("A logo is either accepted or refused.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        db.Logos.RemoveRange(await db.Logos.ToListAsync(ct));
        var now = clock.Now;
        db.Logos.Add(new HospitalLogo { ContentType = type, Bytes = bytes, UploadedAt = now });
        AdminRecord.Add(db, now, by, "Setting", "Logo", $"{type}, {(bytes.Length + 1023) / 1024} KB");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ChangedAsync(ct);
    }

    public async Task<Result<AppearanceView>> RemoveLogoAsync(Actor by, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var rows = await db.Logos.ToListAsync(ct);
        if (rows.Count > 0)
        {
            db.Logos.RemoveRange(rows);
            AdminRecord.Add(db, clock.Now, by, "Setting", "Logo", "removed");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        return await ChangedAsync(ct);
    }

    private async Task<Result<AppearanceView>> ChangedAsync(CancellationToken ct)
    {
        _logo = null;
        changes.Announce(new OpdChange(0, null, "settings"));
        return await GetAsync(ct);
    }

    private sealed class StrongBox<T>(T value)
    {
        public T Value { get; } = value;
    }
}
