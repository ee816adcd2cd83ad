using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using OpdReception.Services;

namespace OpdReception.Api;

public static class OpdApi
{
    public static IServiceCollection AddOpdApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new WordEnumConverter());
            o.SerializerOptions.Converters.Add(new ClockTimeConverter());

            // A typo such as "opdDay" must not be dropped silently while the request succeeds without it.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(RequiredMembers.Mark);
        });
        services.AddOptions<JsonOptions>().Configure<HospitalClock>((o, clock) => o.SerializerOptions.Converters.Add(new OffsetDateTimeConverter(clock.Zone)));
        services.AddOpenApi();
        services.AddOpdHealth();
        services.AddRequestLimits();
        services.AddPatientPage();
        services.AddSelfCheckInLimit();
        return services;
    }

    public static void MapOpdApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.SwaggerEndpoint("/openapi/v1.json", "OpdReception API v1");
            o.DocumentTitle = "OpdReception API";
        });

        // Lets a refusal of unknown members name all of them, not only the first the reader met.
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.Use((http, next) =>
        {
            http.Request.EnableBuffering();
            return next(http);
        }));

        app.MapAuth();
        app.MapAccountSecurity();
        app.MapHealth();
        app.MapPatientPage();
        app.MapSelfCheckIn();

        var api = app.MapGroup("/api");
        api.UseVersions();
        api.MapDoctors();
        api.MapSlots();
        api.MapTokens();
        api.MapPatients();
        api.MapAdmin();
        api.MapMessageTemplates();
        api.MapConsole();
        api.MapDisplays();
        api.MapMessages();
        api.MapReports();
        app.MapAppearance(api);
    }
}
