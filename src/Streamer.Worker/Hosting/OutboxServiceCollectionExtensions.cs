using Microsoft.Extensions.DependencyInjection.Extensions;
using Streamer.Worker.Health;
using Streamer.Worker.Outbox;
using Streamer.Worker.State;
using Streamer.Worker.State.Postgres;

namespace Streamer.Worker.Hosting;

/// <summary>The outbox between the detector and the broker (<c>Outbox</c>).</summary>
public static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// The outbox table in the state file, written by the poller's commits; the relay that publishes it,
    /// registered after the bus so that it starts once the bus has; and the pause of polling when it is full.
    /// </summary>
    public static IServiceCollection AddStreamerOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(OutboxOptions.SectionName))
            .ValidateWith<OutboxOptions, OutboxOptionsValidator>(OutboxOptions.SectionName)
            .Validate(o => o.MaxRetryDelay >= o.RetryDelay, "Outbox:MaxRetryDelay must not be shorter than Outbox:RetryDelay.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StreamerMetrics>();
        if (!PostgresStateRegistration.IsChosen(configuration))
        {
            // With PostgreSQL, AddStreamerState registers the outbox's store on that database.
            services.AddSingleton(SqliteOutboxSchema.Migration);
            services.AddSingleton(SqliteOutboxSchema.TraceContextMigration);
            services.AddSingleton<SqliteOutboxStore>();
            services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<SqliteOutboxStore>());
            services.AddSingleton<ISqliteCommitParticipant>(sp => sp.GetRequiredService<SqliteOutboxStore>());
        }

        services.AddSingleton<OutboxFeed>();
        services.AddSingleton<OutboxBackpressure>();
        services.AddSingleton<OutboxInlet>();
        services.AddHealthChecks().AddCheck<OutboxHealthCheck>(OutboxHealthCheck.Name, tags: [HealthServer.ReadyTag, ReadyReport.DescribedTag]);
        services.AddHostedService<OutboxRelay>();
        return services;
    }
}
