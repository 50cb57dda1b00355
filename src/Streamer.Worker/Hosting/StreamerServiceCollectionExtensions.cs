using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;
using Streamer.Worker.Polling;
using Streamer.Worker.Publishing;
using Streamer.Worker.State;

namespace Streamer.Worker.Hosting;

/// <summary>One registration per area, so Program.cs stays as short as the worker template.</summary>
public static class StreamerServiceCollectionExtensions
{
    /// <summary>The accounts to stream (<c>Accounts</c>), validated at start-up.</summary>
    public static IServiceCollection AddStreamerAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountsOptions>()
            .Configure(o => configuration.GetSection(AccountsOptions.SectionName).Bind(o.Items))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountsOptions>, AccountsOptionsValidator>();
        return services;
    }

    /// <summary>The nxlink client and the polling loop (<c>Polling</c>).</summary>
    public static IServiceCollection AddStreamerPolling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PollingOptions>()
            .Bind(configuration.GetSection(PollingOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.EffectiveRescans.All(t => t.Horizon > TimeSpan.Zero && t.Every >= TimeSpan.Zero), "Polling:Rescans: every tier needs a positive Horizon and a non-negative Every.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StreamerMetrics>();
        services.AddHttpClient<NxlinkClient>((sp, http) =>
        {
            // Polly's per-attempt timeout governs; this is only a backstop.
            http.Timeout = sp.GetRequiredService<IOptions<PollingOptions>>().Value.RequestTimeout + TimeSpan.FromSeconds(10);
        });
        services.AddHostedService<PollingService>();
        return services;
    }

    /// <summary>The SQLite state store (<c>State</c>).</summary>
    public static IServiceCollection AddStreamerState(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StateOptions>()
            .Bind(configuration.GetSection(StateOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SqliteStateStore>();
        services.AddSingleton<IStateStore>(sp => sp.GetRequiredService<SqliteStateStore>());

        // Opened (and locked) while the host starts, so a second worker on the same file stops at once.
        services.AddHostedService<StateStoreInitializer>();
        return services;
    }

    /// <summary>MassTransit on RabbitMQ with publisher confirms, and the subscriber queues (<c>Rabbit</c>).</summary>
    public static IServiceCollection AddStreamerPublisher(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RabbitOptions>()
            .Bind(configuration.GetSection(RabbitOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => TryParse(o.Uri), "Rabbit:Uri must be an amqp:// or amqps:// URI, for example amqp://guest:guest@localhost:5672/.")
            .Validate(o => o.DeclareQueues.All(q => !string.IsNullOrWhiteSpace(q)), "Rabbit:DeclareQueues: queue names must not be empty.")
            .ValidateOnStart();

        // Declared before the bus starts publishing: hosted services start in registration order.
        services.AddHostedService<SubscriberQueues>();
        services.AddMassTransit(bus => bus.UsingRabbitMq((context, rabbit) =>
        {
            var address = AmqpAddress.Parse(context.GetRequiredService<IOptions<RabbitOptions>>().Value.Uri);
            rabbit.Host(address.Host, address.Port, address.VirtualHost, host =>
            {
                host.Username(address.UserName);
                host.Password(address.Password);
                host.PublisherConfirmation = true;
                if (address.UseTls)
                {
                    host.UseSsl(ssl => ssl.ServerName = address.Host);
                }
            });
        }));
        services.AddSingleton<IEventPublisher, MassTransitEventPublisher>();
        return services;
    }

    private static bool TryParse(string uri)
    {
        try
        {
            AmqpAddress.Parse(uri);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
