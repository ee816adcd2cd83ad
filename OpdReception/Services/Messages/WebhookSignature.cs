using System.Security.Cryptography;
using System.Text;

namespace OpdReception.Services.Messages;

/// <summary>
/// The X-Opd-Signature header: "sha256=" and the lower-case hex HMAC-SHA256 of the raw body bytes with the shared
/// secret. The same scheme signs our messages to the gateway and checks the gateway's receipts to us.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Opd-Signature";
    private const string Prefix = "sha256=";

    public static string Of(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>In constant time, so the answer's timing tells a forger nothing.</summary>
    public static bool Matches(ReadOnlySpan<byte> body, string? header, string? secret)
    {
        if (string.IsNullOrEmpty(secret) || header is null || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Of(body, secret)), Encoding.ASCII.GetBytes(header.Trim()));
    }
}
