using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Streamer.Samples.Analytics;

/// <summary>The service's host: configuration from appsettings.json, environment variables and the command line.</summary>
public static class AnalyticsHost
{
    /// <summary>Builds the host.</summary>
    public static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var services = builder.Services;
        services.AddOptions<RabbitOptions>().BindConfiguration(RabbitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EventCounters>();
        services.AddHostedService<AnalyticsReporter>();

        services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<AnalyticsConsumer>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var options = context.GetRequiredService<IOptions<RabbitOptions>>().Value;
                rabbit.Host(new Uri(options.Uri));
                rabbit.ReceiveEndpoint(options.Queue, endpoint =>
                {
                    // Counting needs no order, so messages are handled concurrently.
                    endpoint.PrefetchCount = options.PrefetchCount;

                    // Filters on the Streamer-Origin header, before the body is read (Analytics:Origins).
                    endpoint.UseConsumeFilter(typeof(OriginFilter<>), context);
                    endpoint.ConfigureConsumer<AnalyticsConsumer>(context);
                });
            });
        });
        return builder.Build();
    }
}
