using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OpdReception.Data;

/// <summary>
/// Tokens, slots and doctors carry a Version, an EF Core concurrency token: every save that changes one adds 1,
/// and the UPDATE or DELETE only happens WHERE the version is still the one read. A caller's If-Match names the
/// version it read; for the entity it targets, that version is what the WHERE demands, so a write based on a
/// stale read changes nothing and fails with DbUpdateConcurrencyException, inside the write's own transaction.
/// </summary>
public sealed class Versioning : SaveChangesInterceptor
{
    public const string Property = nameof(Token.Version);

    private static readonly AsyncLocal<VersionCheck?> Current = new();

    /// <summary>From here until End, a save that changes <paramref name="entity"/> <paramref name="id"/> must find <paramref name="expected"/>.</summary>
    public static VersionCheck Begin(Type entity, int id, int? expected) => Current.Value = new VersionCheck(entity, id, expected);

    public static void End() => Current.Value = null;

    /// <summary>The version a caller read, for writes that bypass tracking (ExecuteDelete) and must check it themselves.</summary>
    public static int? ExpectedFor(Type entity, int id) => Current.Value is { } check && check.Entity == entity && check.Id == id ? check.Expected : null;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Stamp(DbContext? db)
    {
        if (db is null)
        {
            return;
        }

        var check = Current.Value;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Modified or EntityState.Deleted) || entry.Metadata.FindProperty(Property) is not { IsConcurrencyToken: true })
            {
                continue;
            }

            var version = entry.Property(Property);
            var stored = (int)version.OriginalValue!;
            var targeted = check is not null && entry.Metadata.ClrType == check.Entity && Equals(entry.Property("Id").CurrentValue, check.Id);
            if (targeted && check!.Expected is { } expected)
            {
                version.OriginalValue = expected;
            }

            if (entry.State == EntityState.Modified)
            {
                version.CurrentValue = stored + 1;
                if (targeted)
                {
                    check!.Saved = stored + 1;
                }
            }
        }
    }
}

/// <summary>The entity a request writes, the version its caller read (null: any), and the version it saved.</summary>
public sealed class VersionCheck(Type entity, int id, int? expected)
{
    public Type Entity { get; } = entity;
    public int Id { get; } = id;
    public int? Expected { get; } = expected;
    public int? Saved { get; set; }
}
