using Microsoft.Extensions.Options;

namespace OpdReception.Services.Messages;

public static class MessageServices
{
    /// <summary>The outbox's dispatcher, its channels and the admin's Messages page (docs/messages.md).</summary>
    public static IServiceCollection AddOpdMessages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MessageDeliveryOptions>()
            .Bind(configuration.GetSection(MessageDeliveryOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MessageDeliveryOptions>, MessageDeliveryOptionsValidator>();
        services.AddHttpClient(WebhookChannel.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<WebhookChannel>();
        services.AddSingleton<EmailChannel>();
        services.AddSingleton<IMessageChannel>(sp => sp.GetRequiredService<WebhookChannel>());
        services.AddSingleton<IMessageChannel>(sp => sp.GetRequiredService<EmailChannel>());
        services.AddSingleton<MessageSignal>();
        services.AddSingleton<MessageOutbox>();
        services.AddSingleton<MessageDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<MessageDispatcher>());
        services.AddScoped<MessageAdminService>();
        services.AddScoped<MessageReceipts>();
        return services;
    }
}
