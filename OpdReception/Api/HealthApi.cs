using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpdReception.Data;

namespace OpdReception.Api;

/// <summary>
/// /health for a load balancer or a monitor: anonymous, no patient data, 200 while the app and its database
/// work and 503 when the database cannot be read or written.
/// </summary>
internal static class HealthApi
{
    private static readonly DateTimeOffset StartedAt = DateTimeOffset.UtcNow;

    private static readonly string Version =
        typeof(HealthApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static IServiceCollection AddOpdHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealth>("database");
        return services;
    }

    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync })
            .AllowAnonymous();

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        var database = report.Entries.TryGetValue("database", out var entry) ? entry : default;
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            app = new
            {
                status = "Healthy",
                version = Version,
                startedAt = StartedAt,
                uptimeSeconds = (long)(DateTimeOffset.UtcNow - StartedAt).TotalSeconds,
            },
            database = new
            {
                status = database.Status.ToString(),
                canRead = database.Data?.GetValueOrDefault("canRead") ?? false,
                canWrite = database.Data?.GetValueOrDefault("canWrite") ?? false,
                walBytes = database.Data?.GetValueOrDefault("walBytes") ?? 0L,
                checkMilliseconds = (long)database.Duration.TotalMilliseconds,
                error = database.Data?.GetValueOrDefault("error"),
            },
        }, Indented));
    }
}

