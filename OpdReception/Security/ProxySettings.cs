using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using OpdReception.Services;

namespace OpdReception.Security;

/// <summary>`Opd:Proxy`: the addresses of the reverse proxy (nginx) that terminates TLS in front of the app.</summary>
public sealed class ProxySettings
{
    /// <summary>Proxy addresses, separated by `;` (`127.0.0.1;::1`). Forwarded headers are trusted from these only.</summary>
    public string KnownProxies { get; set; } = "";

    /// <summary>Proxy networks in CIDR form, separated by `;` (`10.0.5.0/24`), for a pool of proxies.</summary>
    public string KnownNetworks { get; set; } = "";

    public IReadOnlyList<string> Proxies => Split(KnownProxies);

    public IReadOnlyList<string> Networks => Split(KnownNetworks);

    public bool IsConfigured => Proxies.Count > 0 || Networks.Count > 0;

    public string Describe() => string.Join(", ", Proxies.Concat(Networks));

    private static string[] Split(string list) => list.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A proxy address that does not parse would silently trust no one, or the wrong one: stop at start instead.</summary>
public sealed class ProxySettingsValidator : IValidateOptions<OpdOptions>
{
    public ValidateOptionsResult Validate(string? name, OpdOptions options)
    {
        if (options.Proxy.Proxies.FirstOrDefault(p => !IPAddress.TryParse(p, out _)) is { } address)
        {
            return ValidateOptionsResult.Fail($"Opd:Proxy:KnownProxies ('{address}') is not an IP address; list the proxy's addresses separated by ';', such as 127.0.0.1;::1.");
        }

        if (options.Proxy.Networks.FirstOrDefault(n => !System.Net.IPNetwork.TryParse(n, out _)) is { } network)
        {
            return ValidateOptionsResult.Fail($"Opd:Proxy:KnownNetworks ('{network}') is not a network in CIDR form, such as 10.0.5.0/24.");
        }

        return ValidateOptionsResult.Success;
    }
}

public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddOpdProxy(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<OpdOptions>, ProxySettingsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<OpdOptions>, IConfiguration>((o, opd, configuration) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;

            // The defaults trust loopback; only the addresses the operator named are trusted, nothing else.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in opd.Value.Proxy.Proxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in opd.Value.Proxy.Networks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            // A forwarded host must be one the app would accept as a Host header anyway.
            o.AllowedHosts = (configuration["AllowedHosts"] ?? "")
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(h => h != "*")
                .ToList();
        });
        return services;
    }

    /// <summary>
    /// First in the pipeline, so HTTPS redirection, HSTS, the rate limits and the logs see the caller's scheme and
    /// address. Without a configured proxy the middleware is left out: with empty lists it would trust anyone.
    /// </summary>
    public static void UseOpdProxy(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<OpdOptions>>().Value.Proxy.IsConfigured)
        {
            app.UseForwardedHeaders();
        }
    }
}
