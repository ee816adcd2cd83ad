using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Security;

/// <param name="Key">The one session that ended, or null: every session of the user.</param>
public sealed record SessionEnd(string UserId, string? Key);

/// <summary>
/// Signed-in sessions kept in the database (<see cref="UserSession"/>): a browser's cookie and a program's token family
/// each name one row, and deleting the row ends them. Rows are read by primary key and kept in memory for a few
/// seconds, so a request costs a dictionary lookup; every end in this process drops its rows at once and announces
/// itself (<see cref="Ended"/>) so open screens of that session close without waiting for their next check.
/// </summary>
public sealed class ServerSessions(
    IDbContextFactory<OpdDbContext> factory, IOptionsMonitor<SessionOptions> options, IServiceProvider services, ILogger<ServerSessions> log)
{
    /// <summary>A cookie's session key, in the principal a screen holds.</summary>
    public const string SessionClaim = "opd:session";

    /// <summary>A bearer token's family (its session key) and the id of the refresh token issued with it.</summary>
    public const string FamilyClaim = "opd:family";
    public const string RefreshClaim = "opd:refresh";

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Cached> _cache = new();

    private sealed record Cached(UserSession Row, long ReadAt);

    public event Action<SessionEnd>? Ended;

    /// <summary>The sign-in clock (the cookie handler's), so a session and its cookie age alike.</summary>
    /// <remarks>Looked up when first needed: the cookie's settings are built with this very service as their store.</remarks>
    public DateTimeOffset Now => (_clock ??= services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
        .Get(IdentityConstants.ApplicationScheme).TimeProvider ?? TimeProvider.System).GetUtcNow();

    private TimeProvider? _clock;

    public SessionOptions Options => options.CurrentValue;

    public static string NewKey() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <param name="firstRefresh">A token family's first refresh token, written with the family.</param>
    public async Task StartAsync(string key, string userId, SessionKind kind, byte[]? ticket, DateTimeOffset expiresAt, CancellationToken ct = default,
        RefreshTokenRecord? firstRefresh = null)
    {
        var now = Now.UtcDateTime;
        var row = new UserSession { Key = key, UserId = userId, Kind = kind, Ticket = ticket, CreatedAt = now, LastSeenAt = now, ExpiresAt = expiresAt.UtcDateTime };
        await using var db = await factory.CreateDbContextAsync(ct);
        await using (var tx = await WriteTransaction.BeginAsync(db, ct))
        {
            // Ended sessions go as new ones start, so the table holds about as many rows as there are live sign-ins.
            await db.UserSessions.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(ct);
            await db.RefreshTokens.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(ct);
            db.UserSessions.Add(row);
            if (firstRefresh is not null)
            {
                db.RefreshTokens.Add(firstRefresh);
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        _cache[key] = new Cached(row, Stopwatch.GetTimestamp());
    }

    /// <summary>The session if it may still be used, else null; an idle or too old one is ended on the way.</summary>
    /// <param name="activity">The person did something: counts against the idle timeout.</param>
    public async ValueTask<UserSession?> AliveAsync(string key, bool activity, CancellationToken ct = default)
    {
        var row = await ReadAsync(key, ct);
        if (row is null)
        {
            return null;
        }

        var now = Now;
        var check = SessionRules.Check(Utc(row.LastSeenAt), Utc(row.ExpiresAt), now, row.Kind == SessionKind.Cookie ? Options.Idle : null);
        switch (check)
        {
            case SessionAlive:
                break;
            case SessionIdle or SessionTooOld:
                log.LogInformation("Session of user {User} ended: {Reason}", row.UserId, check is SessionIdle ? "idle too long" : "older than its lifetime");
                await EndAsync(key, ct);
                return null;
            default:
                throw new InvalidOperationException($"Unhandled session check {check}.");
        }

        if (activity && SessionRules.ShouldRecordActivity(Utc(row.LastSeenAt), now))
        {
            row.LastSeenAt = now.UtcDateTime;
            await WriteAsync(db => db.UserSessions.Where(s => s.Key == key).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now.UtcDateTime), ct), ct);
        }

        return row;
    }

    public async Task RenewTicketAsync(string key, byte[] ticket, CancellationToken ct = default)
    {
        await WriteAsync(db => db.UserSessions.Where(s => s.Key == key).ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, ticket), ct), ct);
        if (_cache.TryGetValue(key, out var cached))
        {
            cached.Row.Ticket = ticket;
        }
    }

    /// <summary>Ends one session (a sign-out, a stolen token family) with every refresh token of it.</summary>
    public async Task EndAsync(string key, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        string? userId;
        await using (var tx = await WriteTransaction.BeginAsync(db, ct))
        {
            userId = await db.UserSessions.Where(s => s.Key == key).Select(s => s.UserId).FirstOrDefaultAsync(ct);
            await db.UserSessions.Where(s => s.Key == key).ExecuteDeleteAsync(ct);
            await db.RefreshTokens.Where(r => r.FamilyKey == key).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }

        _cache.TryRemove(key, out _);
        if (userId is not null)
        {
            Announce(new SessionEnd(userId, key));
        }
    }

    /// <summary>Ends every session of a user: "sign out everywhere", and any change that renewed the account's security stamp.</summary>
    public async Task<int> EndAllAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        int ended;
        await using (var tx = await WriteTransaction.BeginAsync(db, ct))
        {
            ended = await db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
            await db.RefreshTokens.Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }

        foreach (var (key, _) in _cache.Where(c => c.Value.Row.UserId == userId))
        {
            _cache.TryRemove(key, out _);
        }

        log.LogInformation("Ended {Count} sessions of user {User}", ended, userId);
        Announce(new SessionEnd(userId, null));
        return ended;
    }

    private async Task WriteAsync(Func<OpdDbContext, Task<int>> write, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        await write(db);
        await tx.CommitAsync(ct);
    }

    private async ValueTask<UserSession?> ReadAsync(string key, CancellationToken ct)
    {
        if (_cache.TryGetValue(key, out var cached) && Stopwatch.GetElapsedTime(cached.ReadAt) < CacheFor)
        {
            return cached.Row;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.UserSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct);
        if (row is null)
        {
            _cache.TryRemove(key, out _);
            return null;
        }

        _cache[key] = new Cached(row, Stopwatch.GetTimestamp());
        return row;
    }

    /// <summary>After the commit; a screen that fails to close must not fail the sign-out that asked it to.</summary>
    private void Announce(SessionEnd end)
    {
        foreach (var listener in Ended?.GetInvocationList().Cast<Action<SessionEnd>>() ?? [])
        {
            try
            {
                listener(end);
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "A screen failed to close for user {User}", end.UserId);
            }
        }
    }

    public static DateTimeOffset Utc(DateTime stored) => new(DateTime.SpecifyKind(stored, DateTimeKind.Utc));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
