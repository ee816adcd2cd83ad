using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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
