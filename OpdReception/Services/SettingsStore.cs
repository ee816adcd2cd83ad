using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// Lays the settings saved in the database over appsettings' "Opd" section, so every reader of
/// <c>IOptionsMonitor&lt;OpdOptions&gt;.CurrentValue</c> (desk, console, display, sweeper, API) sees a change at once:
/// saving fires this change token and the monitor rebuilds the options (validation included).
/// </summary>
public sealed class SettingsStore(IDbContextFactory<OpdDbContext> factory) : IConfigureOptions<OpdOptions>, IOptionsChangeTokenSource<OpdOptions>
{
    private volatile IReadOnlyDictionary<string, string>? _saved;
    private CancellationTokenSource _changed = new();

    public string? Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => new CancellationChangeToken(_changed.Token);

    public void Configure(OpdOptions options)
    {
        foreach (var (key, value) in Saved())
        {
            Apply(options, key, value);
        }
    }

    /// <summary>Reads the saved settings again (at start, after migrating) and tells every reader.</summary>
    public void Reload()
    {
        _saved = null;
        Announce();
    }

    /// <summary>After a committed save: the new saved values, effective for the next reader.</summary>
    public void Replace(IReadOnlyDictionary<string, string> saved)
    {
        _saved = saved;
        Announce();
    }

    private void Announce()
    {
        var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    }

    private IReadOnlyDictionary<string, string> Saved()
    {
        if (_saved is { } saved)
        {
            return saved;
        }

        using var db = factory.CreateDbContext();
        // Before the first migration there is no table yet: appsettings alone, and read again after migrating. Asked
        // first rather than caught, so a fresh start does not log a failed query the operator would take for a fault.
        return HasSettingsTable(db) ? _saved = db.Settings.AsNoTracking().ToDictionary(s => s.Key, s => s.Value) : new Dictionary<string, string>();
    }

    private static bool HasSettingsTable(OpdDbContext db)
    {
        db.Database.OpenConnection();
        try
        {
            using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Settings'";
            return command.ExecuteScalar() is not null;
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    public static void Apply(OpdOptions options, string key, string value)
    {
        switch (key)
        {
            case nameof(OpdOptions.HospitalName):
                options.HospitalName = value;
                break;
            case nameof(OpdOptions.PrimaryColour):
                options.PrimaryColour = value;
                break;
            case nameof(OpdOptions.MaxOvertakes):
                // Saved as "off" when switched off: a saved off overrides a limit in appsettings.
                options.MaxOvertakes = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) ? limit : null;
                break;
            default:
                if (SettingsRules.Numbers.Any(n => n.Key == key) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    typeof(OpdOptions).GetProperty(key)!.SetValue(options, number);
                }

                break;
        }
    }

    public static SettingValues ValuesOf(OpdOptions o) => new(
        o.EmergencyPriority, o.PaidPriority, o.FollowUpPriority, o.OnlinePriority, o.WalkInPriority,
        o.DefaultMaxCapacity, o.DefaultConsultationMinutes, o.NoShowTimeoutMinutes, o.LateArrivalGraceMinutes, o.RecallsBeforeNoShow,
        o.WaitAmberMinutes, o.WaitRedMinutes, o.HospitalName, o.MaxOvertakes);
}
