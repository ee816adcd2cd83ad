using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <param name="Effective">What every screen and endpoint uses now.</param>
/// <param name="Defaults">appsettings' values, used for any setting never saved.</param>
/// <param name="Saved">The names of the settings saved in the database.</param>
public sealed record SettingsView(SettingValues Effective, SettingValues Defaults, IReadOnlyList<string> Saved);

/// <summary>
/// The hospital's settings. Read them through <c>IOptionsMonitor&lt;OpdOptions&gt;.CurrentValue</c> (always the effective
/// values); change them here: read, decide (<see cref="SettingsRules"/>), write with a line of history, then effective at once.
/// </summary>
public sealed class SettingsService(
    IDbContextFactory<OpdDbContext> factory,
    IOptionsMonitor<OpdOptions> options,
    IConfiguration configuration,
    SettingsStore store,
    HospitalClock clock,
    OpdChanges changes)
{
    public async Task<SettingsView> GetAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var saved = await db.Settings.AsNoTracking().Select(s => s.Key).OrderBy(k => k).ToListAsync(ct);
        return new SettingsView(SettingsStore.ValuesOf(options.CurrentValue), Defaults(), saved);
    }

    public async Task<Result<SettingsView>> SaveAsync(SettingValues wanted, Actor by, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var rows = await db.Settings.ToDictionaryAsync(s => s.Key, ct);
        var current = Effective(rows.Values);
        switch (SettingsRules.Check(current, wanted))
        {
            case SettingsRefused refused:
                return OpdProblem.Invalid(refused.Errors);
            case SettingsAccepted { Changes.Count: 0 }:
                break;
            case SettingsAccepted accepted:
                var now = clock.Now;
                foreach (var line in accepted.Changes)
                {
                    if (rows.TryGetValue(line.Key, out var row))
                    {
                        row.Value = line.To;
                    }
                    else
                    {
                        db.Settings.Add(rows[line.Key] = new OpdSetting { Key = line.Key, Value = line.To });
                    }

                    AdminRecord.Add(db, now, by, "Setting", line.Label, $"{line.From} → {line.To}");
                }

                var rescored = await RescoreAsync(db, SettingsRules.Rescored(current, wanted), ct);
                if (rescored > 0)
                {
                    AdminRecord.Add(db, now, by, "Setting", "Priority weights", $"{rescored} patient(s) not yet called re-ordered by the new weights");
                }

                await db.SaveChangesAsync(ct);

                // The new values are in force before the write lock is let go: an issue waiting for the lock reads the
                // weights after it has it, so no token is written with an old weight after the re-scoring.
                store.Replace(rows.Values.ToDictionary(r => r.Key, r => r.Value));
                try
                {
                    await tx.CommitAsync(ct);
                }
                catch
                {
                    store.Reload();
                    throw;
                }

                changes.Announce(new OpdChange(0, null, "settings"));
                break;
        }

        return await GetAsync(ct);
    }

    /// <summary>
    /// Gives the patients not yet called (booked or waiting) of every day not yet closed (today, later days, and a
    /// session still running past midnight) the new weight of their kind, in the settings' own transaction.
    /// A patient already called or seen keeps the score they were seen under, as history.
    /// </summary>
    private static async Task<int> RescoreAsync(OpdDbContext db, IReadOnlyDictionary<TokenSource, int> weights, CancellationToken ct)
    {
        var openDays = db.Slots.Where(s => s.DayClosedAt == null).Select(s => s.Id);
        var rescored = 0;
        foreach (var (source, weight) in weights)
        {
            rescored += await db.Tokens
                .Where(t => t.Source == source && (t.Status == TokenStatus.Booked || t.Status == TokenStatus.Waiting) && openDays.Contains(t.SlotId))
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.PriorityScore, weight), ct);
        }

        return rescored;
    }

    public async Task<IReadOnlyList<AdminChangeView>> HistoryAsync(string? area = null, int take = 200, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.AdminChanges.AsNoTracking();
        if (area is not null)
        {
            query = query.Where(c => c.Area == area);
        }

        return await query.OrderByDescending(c => c.Id).Take(Math.Clamp(take, 1, 1000))
            .Select(c => new AdminChangeView(c.Id, c.At, c.By, c.Area, c.Subject, c.Details))
            .ToListAsync(ct);
    }

    /// <summary>The values from the rows read in this transaction, not from a cache another save may have passed.</summary>
    private SettingValues Effective(IEnumerable<OpdSetting> rows)
    {
        var o = DefaultOptions();
        foreach (var row in rows)
        {
            SettingsStore.Apply(o, row.Key, row.Value);
        }

        return SettingsStore.ValuesOf(o);
    }

    private SettingValues Defaults() => SettingsStore.ValuesOf(DefaultOptions());

    private OpdOptions DefaultOptions() => configuration.GetSection(OpdOptions.Section).Get<OpdOptions>() ?? new OpdOptions();
}
