using Microsoft.Extensions.Options;

namespace OpdReception.Services;

public static class OpdServices
{
    public static IServiceCollection AddOpdServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OpdOptions>()
            .Bind(configuration.GetSection(OpdOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OpdOptions>, OpdOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<OpdChanges>();
        services.AddScoped<TokenService>();
        services.AddScoped<SlotService>();
        services.AddScoped<DoctorService>();
        services.AddScoped<DeskService>();
        services.AddScoped<ConsoleService>();
        services.AddScoped<DisplayService>();
        services.AddScoped<PatientPageService>();
        if (configuration.GetValue($"{OpdOptions.Section}:{nameof(OpdOptions.AutoNoShow)}", true))
        {
            services.AddHostedService<NoShowSweeper>();
        }

        return services;
    }
}
