using System.Security.Cryptography;
using System.Text;

namespace OpdReception.Domain;

/// <summary>
/// The code on the QR printed at the OPD's entrance, and the key of each kiosk: HMACs of the day, or of the kiosk's
/// name, with the hospital's secret. A day's code says "this phone was at the entrance today"; it never appears in a
/// patient's own link, and tomorrow it is worth nothing.
/// </summary>
public static class EntranceCode
{
    /// <summary>40 bits: short enough for a QR readable from A4 across a corridor, and guesses are rate-limited.</summary>
    public const int Length = 8;

    public const int KioskKeyLength = 16;

    // Crockford-like: no I, L, O or U, so a code read aloud or typed is not misread.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string For(ReadOnlySpan<byte> secret, DateOnly day) => Encode(Mac(secret, $"entrance:{day:yyyy-MM-dd}"), Length);

    public static bool IsFor(ReadOnlySpan<byte> secret, DateOnly day, string? code) =>
        code is { Length: Length } && Same(For(secret, day), code.ToUpperInvariant());

    public static string KioskKey(ReadOnlySpan<byte> secret, string kiosk) => Encode(Mac(secret, $"kiosk:{kiosk.Trim()}"), KioskKeyLength);

    public static bool IsKiosk(ReadOnlySpan<byte> secret, string? kiosk, string? key) =>
        !string.IsNullOrWhiteSpace(kiosk) && key is { Length: KioskKeyLength } && Same(KioskKey(secret, kiosk), key.ToUpperInvariant());

    private static byte[] Mac(ReadOnlySpan<byte> secret, string what) => HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(what));

    private static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    /// <summary>Five bits a character, from the front of the MAC.</summary>
    private static string Encode(byte[] mac, int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            var bit = i * 5;
            var pair = (mac[bit / 8] << 8) | mac[(bit / 8) + 1];
            text.Append(Alphabet[(pair >> (11 - (bit % 8))) & 31]);
        }

        return text.ToString();
    }
}
