using System.Security.Cryptography;

namespace OpdReception.Data;

/// <summary>Codes for the patient's token page: 20 characters of a 32-letter alphabet, 100 bits from the OS's generator.</summary>
public static class TokenCodes
{
    public const int Length = 20;

    // Lower case without i, l and o, so a code typed from a slip is not misread (0 and 1 have no twin left).
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz023456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>
    /// A code as typed or scanned, in the case codes are made in: the alphabet has no two letters differing only by
    /// case, so a phone's keyboard capitalising it (or a slip read aloud) still names the same token.
    /// </summary>
    public static string? Normalise(string? code) => code?.ToLowerInvariant();
}
