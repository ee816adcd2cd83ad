using Microsoft.Extensions.Options;

namespace OpdReception.Services.Abdm;

public static class AbdmServices
{
    /// <summary>Scan &amp; Share with the ABDM gateway (docs/abdm.md); registered always, active only with Opd:Abdm:GatewayUrl.</summary>
    public static IServiceCollection AddOpdAbdm(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AbdmOptions>()
            .Bind(configuration.GetSection(AbdmOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AbdmOptions>, AbdmOptionsValidator>();
        services.AddHttpClient(GatewayKeys.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<GatewayKeys>();
        services.AddSingleton<GatewaySessions>();
        services.AddSingleton<ShareAcknowledgements>();
        return services;
    }
}
