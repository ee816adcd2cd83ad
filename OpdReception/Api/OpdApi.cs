using Microsoft.AspNetCore.Http.Json;

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
        });
        services.AddOpenApi();
        services.AddOpdHealth();
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

        app.MapAuth();
        app.MapHealth();

        var api = app.MapGroup("/api");
        api.MapDoctors();
        api.MapSlots();
        api.MapTokens();
        api.MapConsole();
    }
}
