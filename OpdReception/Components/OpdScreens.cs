using MudBlazor.Services;

namespace OpdReception.Components;

/// <summary>
/// The screens: Blazor components rendered on the server, each open screen a circuit held in the server's memory for
/// as long as it is open. A hospital leaves many open all day (a waiting-room TV, a board per desk), so what each one
/// costs the server is set here.
/// </summary>
public static class OpdScreens
{
    public static IServiceCollection AddOpdScreens(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        // Displays need no sign-in: each address may hold only so many open (Opd:MaxAnonymousScreensPerClient); patient pages have their own cap (Opd:PatientPage).
        services.AddHttpContextAccessor();
        services.AddSingleton<Security.AnonymousScreens>();
        services.AddScoped<ScreenCircuit>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<ScreenCircuit>());
        return services;
    }

    public static void MapOpdScreens(this WebApplication app) =>
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o =>
        {
            // A compressed websocket keeps a zlib deflate state (about 256 KB of native memory) per open screen for as
            // long as it is open, measured as a third of what each board cost. Screens talk to the server over the
            // hospital's own network in small render batches, so the bytes saved are not worth it. Without compression
            // Blazor sets no frame-ancestors policy of its own; the app's (SecureDefaults) forbids framing every page.
            o.DisableWebSocketCompression = true;
        });
}
