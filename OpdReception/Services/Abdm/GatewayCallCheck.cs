namespace OpdReception.Services.Abdm;

/// <summary>What the check of a gateway call's bearer token decided.</summary>
public abstract record GatewayCallCheck
{
    private GatewayCallCheck()
    {
    }

    /// <summary>Signed by one of the gateway's published keys and not expired.</summary>
    public sealed record Trusted(string KeyId, DateTimeOffset Expires) : GatewayCallCheck;

    /// <summary>Anything else; the reason is for the log, the caller only ever sees 401.</summary>
    public sealed record Refused(string Reason) : GatewayCallCheck;
}
