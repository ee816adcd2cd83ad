using Microsoft.Extensions.DependencyInjection.Extensions;
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
        services.AddOptions<PatientPageOptions>()
            .Bind(configuration.GetSection(PatientPageOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<OpdDisplayOptions>().Bind(configuration.GetSection(OpdDisplayOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OpdDisplayOptions>, OpdDisplayOptionsValidator>();

        // Settings saved by an admin lie over appsettings and reach every reader at once.
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<IConfigureOptions<OpdOptions>>(sp => sp.GetRequiredService<SettingsStore>());
        services.AddSingleton<IOptionsChangeTokenSource<OpdOptions>>(sp => sp.GetRequiredService<SettingsStore>());
        // The settings page shows the appsettings defaults; hosts without a web host (simulation, benchmark) have no
        // IConfiguration of their own.
        services.TryAddSingleton(configuration);
        services.AddScoped<SettingsService>();
        services.AddSingleton<AppearanceService>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new HospitalClock(
            sp.GetRequiredService<TimeProvider>(), HospitalClock.ResolveZone(sp.GetRequiredService<IOptions<OpdOptions>>().Value.TimeZone)));
        services.AddOptions<NotificationOptions>()
            .Bind(configuration.GetSection(NotificationOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.AddSingleton(sp => new PatientOutbox(
            () => sp.GetRequiredService<IOptionsMonitor<NotificationOptions>>().CurrentValue, sp.GetRequiredService<IOptionsMonitor<OpdOptions>>()));
        services.AddScoped<MessageTemplateService>();
        services.AddScoped<TurnNearSweep>();
        services.AddSingleton<OpdChanges>();
        services.AddSingleton<IssueWriter>();
        services.AddScoped<TokenQueries>();
        services.AddScoped<IssueToken>();
        services.AddScoped<ChangeTokenStatus>();
        services.AddScoped<CallNext>();
        services.AddScoped<MoveToken>();
        services.AddScoped<ContactPatients>();
        services.AddScoped<ReallocateSlot>();
        services.AddScoped<SweepNoShows>();
        services.AddScoped<CloseFinishedDays>();
        services.AddScoped<SlotService>();
        services.AddScoped<DoctorService>();
        services.AddScoped<DeskService>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<DoctorAdminService>();
        services.AddScoped<ScheduleService>();
        services.AddScoped<TakeLeave>();
        services.AddScoped<AdminOverviewService>();
        services.AddScoped<ConsoleService>();
        services.AddScoped<DisplayService>();
        services.AddOptions<SelfCheckInOptions>().Bind(configuration.GetSection(OpdOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EntranceCodes>();
        services.AddScoped<SelfCheckIns>();
        services.AddScoped<PatientPageService>();
        services.AddScoped<PatientPageActions>();
        services.AddSingleton<PatientPageBeacon>();
        services.AddScoped<PatientRecords>();
        services.AddScoped<EditPatient>();
        services.AddScoped<MergePatients>();
        services.AddScoped<FeedbackReport>();
        services.AddScoped<DaySummaries>();
        services.AddScoped<Reports>();
        services.AddSingleton<BoardFeed>();
        // Hosts without a web host (simulation, benchmark) have no logging of their own; the access log and the sweeps log.
        services.AddLogging();
        services.AddSingleton<PatientAccessLog>();
        services.AddHostedService(sp => sp.GetRequiredService<PatientAccessLog>());
        services.AddScoped<ErasePatients>();
        services.AddHostedService<RetentionSweeper>();
        services.AddSingleton<DisplayFeed>();
        services.AddSingleton<DisplayScreenService>();
        services.AddSingleton<PatientDayFeed>();
        services.AddHostedService<Data.WalCheckpointer>();
        Messages.MessageServices.AddOpdMessages(services, configuration);
        Abdm.AbdmServices.AddOpdAbdm(services, configuration);
        if (configuration.GetValue($"{OpdOptions.Section}:{nameof(OpdOptions.AutoNoShow)}", true))
        {
            services.AddHostedService<NoShowSweeper>();

            // Also on the app's clock: tests that pin the clock run the turn-near check themselves.
            services.AddHostedService<TurnNearSweeper>();
        }

        return services;
    }

    /// <summary>Says at start which clock the rules run by, so a wrong zone is seen before a patient is told a wrong time.</summary>
    public static void LogHospitalClock(this WebApplication app)
    {
        var clock = app.Services.GetRequiredService<HospitalClock>();
        app.Logger.LogInformation("Hospital clock: {Zone}; now {Now:yyyy-MM-dd HH:mm} there (Opd:TimeZone sets the zone)", clock.Describe(), clock.Now);
    }
}
