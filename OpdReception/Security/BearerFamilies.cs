using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Security;

/// <summary>
/// A program's sign-in is a family of tokens: each refresh token works once and is replaced by the next of its
/// family; a spent one presented again means a copy exists, so the family ends, with every access token it gave.
/// The family is a <see cref="UserSession"/>, so sign-out, sign-out everywhere and a renewed security stamp end it too.
/// </summary>
public sealed class BearerFamilies(IDbContextFactory<OpdDbContext> factory, ServerSessions sessions, IOptionsMonitor<BearerTokenOptions> bearer, ILogger<BearerFamilies> log)
{
    private TimeSpan RefreshLifetime => bearer.Get(IdentityConstants.BearerScheme).RefreshTokenExpiration;

    /// <summary>A new family at sign-in: the claims its tokens carry.</summary>
    public async Task<Claim[]> StartAsync(string userId, CancellationToken ct = default)
    {
        var family = ServerSessions.NewKey();
        var (refresh, record) = NewRefresh(family, userId);
        await sessions.StartAsync(family, userId, SessionKind.Bearer, null, Utc(record.ExpiresAt), ct, record);
        return Claims(family, refresh);
    }

    /// <summary>Spends the refresh token <paramref name="presented"/> was read from; on rotation, the claims of the next one.</summary>
    public async Task<(RefreshDecision Decision, Claim[] Claims)> SpendAsync(ClaimsPrincipal presented, CancellationToken ct = default)
    {
        if (presented.FindFirstValue(ServerSessions.FamilyClaim) is not { } family || presented.FindFirstValue(ServerSessions.RefreshClaim) is not { } id
            || presented.UserId() is not { } userId)
        {
            return (SessionRules.Refresh(found: false, used: false, default, default), []);
        }

        var now = sessions.Now;
        var hash = Hash(id);
        RefreshDecision decision;
        Claim[] claims = [];
        await using (var db = await factory.CreateDbContextAsync(ct))
        await using (var tx = await WriteTransaction.BeginAsync(db, ct))
        {
            var record = await db.RefreshTokens.FirstOrDefaultAsync(r => r.Hash == hash && r.FamilyKey == family && r.UserId == userId, ct);
            var familyRow = await db.UserSessions.FirstOrDefaultAsync(s => s.Key == family && s.Kind == SessionKind.Bearer, ct);
            decision = SessionRules.Refresh(record is not null && familyRow is not null, record?.Used ?? false, record is null ? default : Utc(record.ExpiresAt), now);
            if (decision is RefreshRotates)
            {
                var (next, nextRecord) = NewRefresh(family, userId);
                record!.Used = true;
                db.RefreshTokens.Add(nextRecord);
                familyRow!.ExpiresAt = nextRecord.ExpiresAt;
                familyRow.LastSeenAt = now.UtcDateTime;
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                claims = Claims(family, next);
            }
        }

        if (decision is RefreshReplayed)
        {
            log.LogWarning("A spent refresh token of user {User} was presented again: its whole family is revoked", userId);
            await sessions.EndAsync(family, ct);
        }

        return (decision, claims);
    }

    /// <summary>The principal a bearer token is issued for, marked with its family and refresh token.</summary>
    public static ClaimsPrincipal With(ClaimsPrincipal principal, Claim[] claims)
    {
        var identity = (ClaimsIdentity)principal.Identity!;
        foreach (var type in new[] { ServerSessions.FamilyClaim, ServerSessions.RefreshClaim })
        {
            foreach (var old in identity.FindAll(type).ToList())
            {
                identity.RemoveClaim(old);
            }
        }

        identity.AddClaims(claims);
        return principal;
    }

    private (string Id, RefreshTokenRecord Record) NewRefresh(string family, string userId)
    {
        var now = sessions.Now;
        var id = ServerSessions.NewKey();
        return (id, new RefreshTokenRecord
        {
            Hash = Hash(id), FamilyKey = family, UserId = userId, CreatedAt = now.UtcDateTime, ExpiresAt = (now + RefreshLifetime).UtcDateTime,
        });
    }

    private static Claim[] Claims(string family, string refresh) => [new(ServerSessions.FamilyClaim, family), new(ServerSessions.RefreshClaim, refresh)];

    private static string Hash(string id) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private static DateTimeOffset Utc(DateTime stored) => ServerSessions.Utc(stored);
}
