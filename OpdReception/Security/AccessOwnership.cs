using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;

namespace OpdReception.Security;

/// <summary>Reads whose a slot or token is, for the rules that let doctors and the booking site act on their own only.</summary>
public sealed class AccessOwnership(IDbContextFactory<OpdDbContext> factory)
{
    public async Task<bool> OwnsAsync(ClaimsPrincipal user, AccessDecision.IfOwn rule, object? routeValue, CancellationToken ct)
    {
        if (!int.TryParse(Convert.ToString(routeValue, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        if (rule.As.HasFlag(Who.Doctor) && user.DoctorId() is { } doctorId && await DoctorOfAsync(db, rule.Owns, id, ct) == doctorId)
        {
            return true;
        }

        return rule.As.HasFlag(Who.BookingPortal) && rule.Owns == Own.Token && user.UserId() is { } userId
            && await BookerOfAsync(db, id, ct) == userId;
    }

    private static async Task<int?> DoctorOfAsync(OpdDbContext db, Own owns, int id, CancellationToken ct) => owns switch
    {
        Own.Doctor => id,
        Own.Slot => await db.Slots.Where(s => s.Id == id).Select(s => (int?)s.DoctorId).FirstOrDefaultAsync(ct),
        Own.Token => await db.Tokens.Where(t => t.Id == id).Select(t => (int?)t.Slot.DoctorId).FirstOrDefaultAsync(ct),
        _ => null,
    };

    /// <summary>Who issued the token: the first line of its history.</summary>
    private static Task<string?> BookerOfAsync(OpdDbContext db, int tokenId, CancellationToken ct) =>
        db.TokenEvents.Where(e => e.TokenId == tokenId).OrderBy(e => e.Id).Select(e => e.ByUserId).FirstOrDefaultAsync(ct);
}
