using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpdReception.Services;

namespace OpdReception.Security;

/// <summary>
/// What a bearer token is held to on every request: its account's security stamp and lockout. Reading the account
/// for each request cost more CPU than issuing a token, so the answer is kept per user and dropped as soon as any
/// account changes in this app (every save that touches an account, and the admin's user changes, which announce
/// themselves after their commit), and after <see cref="MaxAge"/> in any case, for a change made by another process
/// such as the create-admin command.
/// </summary>
public sealed class AccountStamps
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private static long _generation;

    private readonly ConcurrentDictionary<string, Known> _known = new();

    public AccountStamps(OpdChanges changes) => changes.Changed += change =>
    {
        if (change.What == "user")
        {
            AccountsChanged();
        }
    };

    private sealed record Known(string? Stamp, bool LockoutEnabled, DateTimeOffset? LockoutEnd, long Generation, long ReadAt);

    /// <summary>Any account may have changed: every user's next request reads their account again.</summary>
    public static void AccountsChanged() => Interlocked.Increment(ref _generation);

    public async ValueTask<bool> StillValidAsync(ClaimsPrincipal principal, IServiceProvider services, IdentityOptions options)
    {
        if (principal.FindFirstValue(options.ClaimsIdentity.UserIdClaimType) is not { } id)
        {
            return false;
        }

        // The generation is read before the account, so a change that lands during the read is caught next time.
        var generation = Interlocked.Read(ref _generation);
        if (!_known.TryGetValue(id, out var known) || known.Generation != generation || Stopwatch.GetElapsedTime(known.ReadAt) > MaxAge)
        {
            var user = await services.GetRequiredService<UserManager<OpdUser>>().FindByIdAsync(id);
            if (user is null)
            {
                _known.TryRemove(id, out _);
                return false;
            }

            known = new Known(user.SecurityStamp, user.LockoutEnabled, user.LockoutEnd, generation, Stopwatch.GetTimestamp());
            _known[id] = known;
        }

        return !(known.LockoutEnabled && known.LockoutEnd > DateTimeOffset.UtcNow)
            && principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType) == known.Stamp;
    }
}

/// <summary>Tells <see cref="AccountStamps"/> when a save touched an account: a lockout after failed sign-ins, a new stamp.</summary>
public sealed class AccountSaves : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Notice(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Notice(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Notice(eventData.Context, saved: true);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Notice(eventData.Context, saved: true);
        return ValueTask.FromResult(result);
    }

    /// <summary>Before the save, so no read in between is kept; after it (accounts are still tracked), so none during it is.</summary>
    private static void Notice(DbContext? db, bool saved = false)
    {
        if (db is not null && db.ChangeTracker.Entries().Any(e =>
                e.Entity is OpdUser or IdentityUserRole<string> && (saved || e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)))
        {
            AccountStamps.AccountsChanged();
        }
    }
}
