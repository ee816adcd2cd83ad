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

        // Settings saved by an admin lie over appsettings and reach every reader at once.
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<IConfigureOptions<OpdOptions>>(sp => sp.GetRequiredService<SettingsStore>());
        services.AddSingleton<IOptionsChangeTokenSource<OpdOptions>>(sp => sp.GetRequiredService<SettingsStore>());
        services.AddScoped<SettingsService>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<OpdChanges>();
        services.AddScoped<TokenService>();
        services.AddScoped<SlotService>();
        services.AddScoped<DoctorService>();
        services.AddScoped<DeskService>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<DoctorAdminService>();
        services.AddScoped<ScheduleService>();
        services.AddScoped<LeaveService>();
        services.AddScoped<AdminOverviewService>();
        if (configuration.GetValue($"{OpdOptions.Section}:{nameof(OpdOptions.AutoNoShow)}", true))
        {
            services.AddHostedService<NoShowSweeper>();
        }

        return services;
    }
}
