namespace OpdReception.Data;

public enum SessionKind { Cookie, Bearer }

/// <summary>
/// One signed-in session: a browser's cookie (which carries only <see cref="Key"/>) or a program's family of bearer
/// tokens. Deleting the row ends it, whatever copies of the cookie or tokens are left.
/// </summary>
public sealed class UserSession
{
    public required string Key { get; set; }
    public required string UserId { get; set; }
    public SessionKind Kind { get; set; }

    /// <summary>The cookie's sign-in, protected by Data Protection; none for a token family.</summary>
    public byte[]? Ticket { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }

    /// <summary>The absolute end: the cookie's lifetime, or the newest refresh token's expiry.</summary>
    public DateTime ExpiresAt { get; set; }
}

/// <summary>One refresh token of a family, by the hash of its id: used once, then only a sign of theft.</summary>
public sealed class RefreshTokenRecord
{
    public required string Hash { get; set; }
    public required string FamilyKey { get; set; }
    public required string UserId { get; set; }
    public bool Used { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
