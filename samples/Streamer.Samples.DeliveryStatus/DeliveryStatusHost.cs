using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Streamer.Samples.DeliveryStatus;

/// <summary>The service's host: configuration from appsettings.json, environment variables and the command line.</summary>
public static class DeliveryStatusHost
{
    /// <summary>Builds the host.</summary>
    public static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var services = builder.Services;
        services.AddOptions<RabbitOptions>().BindConfiguration(RabbitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DeliveryStatusStore>();
        services.AddSingleton<ProcessingCounters>();
        // Before the bus: a database that cannot be opened stops the service before it consumes anything.
        services.AddHostedService<StoreInitializer>();

        services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<DeliveryStatusConsumer>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var options = context.GetRequiredService<IOptions<RabbitOptions>>().Value;
                rabbit.Host(new Uri(options.Uri));
                rabbit.ReceiveEndpoint(options.Queue, endpoint =>
                {
                    endpoint.PrefetchCount = options.PrefetchCount;
                    // One at a time: the events of a record are applied in the order they were published.
                    endpoint.ConcurrentMessageLimit = 1;
                    // A queue from the worker's DeclareQueues is bound to every event type; drop the others.
                    endpoint.DiscardSkippedMessages();
                    endpoint.ConfigureConsumer<DeliveryStatusConsumer>(context);
                });
            });
        });
        return builder.Build();
    }
}
