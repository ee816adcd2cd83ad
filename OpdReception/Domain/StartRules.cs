namespace OpdReception.Domain;

/// <summary>How the app was started: the newcomer's demo, the test host, or a hospital's server.</summary>
public enum StartMode { Demo, Test, Hospital }

public abstract record StartDecision;

public sealed record StartAllowed : StartDecision;

public sealed record StartRefused(string Reason) : StartDecision;

/// <summary>
/// Whether the app may start serving. Pure: the caller reads the addresses it is about to listen on, whether a proxy
/// is configured and which accounts still open with the README's demo password.
/// </summary>
public static class StartRules
{
    /// <summary>What Kestrel listens on when nothing says otherwise.</summary>
    public const string KestrelDefaultUrl = "http://localhost:5000";

    /// <summary>
    /// The addresses Kestrel will listen on, by its own precedence: named endpoints in configuration, else `urls`,
    /// else the port lists, else its default.
    /// </summary>
    public static IReadOnlyList<string> BoundUrls(IReadOnlyList<string> endpointUrls, string? urls, string? httpPorts, string? httpsPorts)
    {
        if (endpointUrls.Count > 0)
        {
            return endpointUrls;
        }

        if (Split(urls) is { Count: > 0 } listed)
        {
            return listed;
        }

        var ports = Split(httpPorts).Select(p => $"http://*:{p}").Concat(Split(httpsPorts).Select(p => $"https://*:{p}")).ToList();
        return ports.Count > 0 ? ports : [KestrelDefaultUrl];
    }

    public static bool IsPlainHttp(string url) => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    public static StartDecision Check(StartMode mode, IReadOnlyList<string> boundUrls, bool behindProxy, IReadOnlyList<string> accountsWithDemoPassword)
    {
        if (mode == StartMode.Demo)
        {
            return new StartAllowed();
        }

        if (accountsWithDemoPassword.Count > 0)
        {
            var who = string.Join(", ", accountsWithDemoPassword);
            return new StartRefused(
                $"Refusing to start: {(accountsWithDemoPassword.Count == 1 ? "the account" : "the accounts")} {who} still {(accountsWithDemoPassword.Count == 1 ? "has" : "have")} " +
                "the demo password published in README.md. Give each a new password with `set-password <email>`, then start again (docs/deploy.md).");
        }

        if (mode == StartMode.Hospital && !behindProxy && boundUrls.FirstOrDefault(IsPlainHttp) is { } plain)
        {
            return new StartRefused(
                $"Refusing to start: {plain} is plain HTTP and no proxy is configured. Either serve HTTPS yourself " +
                "(Kestrel:Endpoints:Https with a certificate) or run behind a reverse proxy that terminates TLS and set " +
                "Opd:Proxy:KnownProxies to its address (docs/deploy.md).");
        }

        return new StartAllowed();
    }

    private static List<string> Split(string? list) =>
        (list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
