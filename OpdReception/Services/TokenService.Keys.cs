using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;

namespace OpdReception.Services;

/// <summary>
/// A caller's promise that every retry of one submission carries the same key. Render turns the first answer
/// into the exact text each retry gets back (the API renders JSON; a screen may keep anything).
/// </summary>
public sealed record IssueKey(string Caller, string Key, Func<TokenView, string> Render)
{
    public static bool IsWellFormed(string key) =>
        key.Length is > 0 and <= IssueKeyLimits.MaxLength && key.All(c => c is >= '!' and <= '~');

    /// <summary>What was asked, so the same key with another request is caught; whitespace counts, like any byte of a body.</summary>
    public static string Fingerprint(IssueRequest request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request))));
}

/// <summary>An issued token; Answer is the remembered text when a key was given, Replayed when it was a retry.</summary>
public sealed record IssuedToken(TokenView View, string? Answer, bool Replayed);

public sealed partial class TokenService
{
    /// <summary>The first answer to this caller's key, or a refusal when the key came with another request.</summary>
    private async Task<Result<IssuedToken>?> EarlierAnswerAsync(OpdDbContext db, IssueKey key, string hash, DateTime now, CancellationToken ct)
    {
        // Keys are kept for the configured hours (at least a day), then forgotten, so the table stays small.
        await db.IssueKeys.Where(k => k.CreatedAt < now.AddHours(-Settings.IdempotencyKeyHours)).ExecuteDeleteAsync(ct);
        var earlier = await db.IssueKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Caller == key.Caller && k.Key == key.Key, ct);
        if (earlier is null)
        {
            return null;
        }

        if (earlier.RequestHash != hash)
        {
            return OpdProblem.Unprocessable(
                $"Idempotency-Key {key.Key} was already used for a different request (token {earlier.TokenId}). Use a new key for a new request.");
        }

        var view = await SlotQueues.ViewAsync(db, earlier.TokenId, now, Settings.Weights, withHistory: false, ct);
        return new IssuedToken(view!, earlier.Answer, Replayed: true);
    }

    /// <summary>Stores the answer with the token, in its transaction: both are there after a crash, or neither.</summary>
    private async Task<IssuedToken> RememberAsync(OpdDbContext db, IssueKey key, string hash, int tokenId, DateTime now, CancellationToken ct)
    {
        var view = (await SlotQueues.ViewAsync(db, tokenId, now, Settings.Weights, withHistory: false, ct))!;
        var answer = key.Render(view);
        db.IssueKeys.Add(new IssueKeyRecord { Caller = key.Caller, Key = key.Key, RequestHash = hash, TokenId = tokenId, Answer = answer, CreatedAt = now });
        await db.SaveChangesAsync(ct);
        return new IssuedToken(view, answer, Replayed: false);
    }
}
