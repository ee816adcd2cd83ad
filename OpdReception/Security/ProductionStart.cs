using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Security;

/// <summary>What the app says first, and the checks that keep a hospital's server from starting unsafe (docs/deploy.md).</summary>
public static class ProductionStart
{
    public static StartMode ModeOf(IHostEnvironment environment) =>
        environment.IsDevelopment() ? StartMode.Demo
        : environment.IsEnvironment("Testing") ? StartMode.Test
        : StartMode.Hospital;

    /// <summary>The first log line: a newcomer learns they run the demo; an operator sees where the data goes and who may reach it.</summary>
    public static void LogStartMode(this WebApplication app)
    {
        if (ModeOf(app.Environment) == StartMode.Demo)
        {
            app.Logger.LogInformation(
                "Demo mode (Development): demo day and demo accounts seeded, password in README. Not for patients' data; see docs/deploy.md.");
            return;
        }

        var proxy = app.Services.GetRequiredService<IOptions<OpdOptions>>().Value.Proxy;
        app.Logger.LogInformation(
            "{Environment}: database {Database}; listening on {Urls}; {Proxy}",
            app.Environment.EnvironmentName,
            OpdDatabase.DataFile(OpdDatabase.ConnectionString(app.Configuration, app.Environment.ContentRootPath)),
            string.Join(", ", BoundUrls(app)),
            proxy.IsConfigured ? $"forwarded headers trusted from {proxy.Describe()}" : "no proxy configured");
    }

    /// <summary>
    /// Refuses a start outside Development on plain HTTP with no proxy, or while an account keeps the demo password:
    /// the reason on standard error and in the log, no stack trace; the caller exits non-zero.
    /// </summary>
    public static async Task<bool> RefusesToStartAsync(this WebApplication app, TextWriter error)
    {
        var mode = ModeOf(app.Environment);
        if (mode == StartMode.Demo)
        {
            return false;
        }

        var proxy = app.Services.GetRequiredService<IOptions<OpdOptions>>().Value.Proxy;
        var decision = StartRules.Check(mode, BoundUrls(app), proxy.IsConfigured, await AccountsWithDemoPasswordAsync(app.Services));
        if (decision is StartRefused refused)
        {
            app.Logger.LogCritical("{Reason}", refused.Reason);
            await error.WriteLineAsync(refused.Reason);
            return true;
        }

        return false;
    }

    /// <summary>Every account is tried: a hospital has tens of them, and one hash check each costs milliseconds at start only.</summary>
    private static async Task<IReadOnlyList<string>> AccountsWithDemoPasswordAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OpdUser>>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<OpdUser>>();
        var found = new List<string>();
        foreach (var user in await users.Users.Where(u => u.PasswordHash != null).OrderBy(u => u.Email).ToListAsync())
        {
            if (hasher.VerifyHashedPassword(user, user.PasswordHash!, DemoAccount.DemoPassword) != PasswordVerificationResult.Failed)
            {
                found.Add(user.Email ?? user.UserName ?? user.Id);
            }
        }

        return found;
    }

    /// <summary>The addresses Kestrel is about to listen on; none when another server (the in-memory test server) serves.</summary>
    private static IReadOnlyList<string> BoundUrls(WebApplication app)
    {
        if (app.Services.GetRequiredService<IServer>().GetType().Assembly != typeof(KestrelServerOptions).Assembly)
        {
            return [];
        }

        var configuration = app.Configuration;
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(e => e["Url"]).OfType<string>().ToList();
        return StartRules.BoundUrls(endpoints, configuration["urls"], configuration["http_ports"], configuration["https_ports"]);
    }
}
