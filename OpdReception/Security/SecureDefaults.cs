namespace OpdReception.Security;

/// <summary>Headers on every answer, and HTTPS with HSTS outside Development.</summary>
public static class SecureDefaults
{
    /// <summary>
    /// Blazor Server needs its websocket (connect-src 'self' covers ws/wss of the same host) and runs no eval;
    /// MudBlazor sets inline styles, hence style-src 'unsafe-inline'. No script from anywhere but the app.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Development and the test host run over plain http on loopback; everywhere else only HTTPS, with HSTS.</summary>
    public static bool HttpsOnly(IHostEnvironment environment) =>
        !environment.IsDevelopment() && !environment.IsEnvironment("Testing");

    public static IServiceCollection AddSecureDefaults(this IServiceCollection services)
    {
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        return services;
    }

    public static void UseSecureDefaults(this WebApplication app)
    {
        if (HttpsOnly(app.Environment))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                // The kiosk reads slips' QR codes with its camera; no other page may ask for one.
                headers["Permissions-Policy"] = http.Request.Path.StartsWithSegments("/kiosk")
                    ? "camera=(self), microphone=(), geolocation=()"
                    : "camera=(), microphone=(), geolocation=()";
                // Answers and pages carry names and phones: no browser or proxy keeps a copy. Static assets set their own.
                if (!headers.ContainsKey("Cache-Control"))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next(http);
        });
    }
}
