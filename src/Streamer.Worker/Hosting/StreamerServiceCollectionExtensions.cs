using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streamer.Nxlink;
using Streamer.Worker.Cluster;
using Streamer.Worker.Configuration;
using Streamer.Worker.Health;
using Streamer.Worker.Polling;
using Streamer.Worker.Polling.Scheduling;
using Streamer.Worker.Publishing;
using Streamer.Worker.State;
using Streamer.Worker.State.Postgres;

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
        services.AddSingleton<IValidateOptions<AccountsOptions>>(new AccountsOptionsValidator(accountsTable: PostgresStateRegistration.IsChosen(configuration)));
        return services;
    }

    /// <summary>The nxlink client and the polling loop (<c>Polling</c>).</summary>
    public static IServiceCollection AddStreamerPolling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PollingOptions>()
            .Bind(configuration.GetSection(PollingOptions.SectionName))
            .ValidateWith<PollingOptions, PollingOptionsValidator>(PollingOptions.SectionName)
            .Validate(o => o.EffectiveRescans.All(t => t.Horizon > TimeSpan.Zero && t.Every >= TimeSpan.Zero), "Polling:Rescans: every tier needs a positive Horizon and a non-negative Every.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StreamerMetrics>();
        services.TryAddSingleton<AccountHealth>();
        services.TryAddSingleton<FirstRequestGate>();
        services.TryAddSingleton(TelemetryReady.None());
        services.AddHttpClient(nameof(NxlinkClient), (sp, http) =>
        {
            // Polly's per-attempt timeout governs; this is only a backstop.
            http.Timeout = sp.GetRequiredService<IOptions<PollingOptions>>().Value.RequestTimeout + TimeSpan.FromSeconds(10);
        })

        // A followed redirect would carry the signed headers (accessKey, sign) wherever it points.
        .UseSocketsHttpHandler((handler, _) =>
        {
            handler.AllowAutoRedirect = false;

            // Every account shares this one handler (the poller factory holds one client), so one connection pool
            // per API host; it is never replaced, so connections are renewed to follow DNS changes of the host.
            handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5);
        })

        // Per-request log scopes cost measurable CPU on the hot path; failures are logged by the poller.
        .RemoveAllLoggers()
        .AddHttpMessageHandler(sp => new FirstRequestSignal(sp.GetRequiredService<FirstRequestGate>()))
        .AddTypedClient((http, sp) => new NxlinkClient(http, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<PollingOptions>>().Value.MaxPageBytes));
        services.TryAddSingleton<RecordObserverFactory>();
        services.TryAddSingleton<PollerStateFactory>();
        services.TryAddSingleton<FilterBoard>();
        services.TryAddSingleton<AccountApiFactory>();

        services.TryAddSingleton<RequestLimits>();
        services.TryAddSingleton<AccountPollerFactory>();

        // The accounts this instance polls: the configuration's, unless AddStreamerCluster replaced the source with the leases.
        services.TryAddSingleton<IAccountDirectory, ConfiguredAccountDirectory>();
        services.TryAddSingleton<IAccountSource, ConfiguredAccountSource>();
        services.TryAddSingleton<InstanceAccounts>();
        services.TryAddSingleton<IAccountScope>(sp => sp.GetRequiredService<InstanceAccounts>());
        services.TryAddSingleton<FenceAlarm>();
        services.TryAddSingleton<FencedStores>();
        services.TryAddSingleton<PollSchedulerFactory>();
        services.TryAddSingleton<AccountReadings>();
        services.AddHostedService<PollingService>();
        services.AddHostedService<FirstRequestWait>();
        return services;
    }

    /// <summary>
    /// The state (<c>State</c>): the SQLite file with its records, cursors and last passes, behind <see cref="IStateDatabase"/>
    /// and <see cref="IStateStore"/>. Other areas add their tables as <see cref="SqliteMigration"/>s and their
    /// parts of a commit as <see cref="ISqliteCommitParticipant"/>s.
    /// </summary>
    public static IServiceCollection AddStreamerState(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StateOptions>()
            .Bind(configuration.GetSection(StateOptions.SectionName))
            .ValidateWith<StateOptions, StateOptionsValidator>(StateOptions.SectionName)
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        if (PostgresStateRegistration.IsChosen(configuration))
        {
            // PostgreSQL's stores replace SQLite's here, the media queue's and the outbox's included.
            services.AddPostgresState();
            services.AddHostedService<StateStoreInitializer>();
            return services;
        }

        services.AddSingleton(SqliteStateSchema.Migration);
        services.AddSingleton(SqliteStateSchema.SnapshotCutoffMigration);
        services.AddSingleton(SqliteStateSchema.PassesMigration);
        services.AddSingleton(SqliteStateSchema.FiltersMigration);
        services.AddSingleton<SqliteStateDatabase>();
        services.AddSingleton<IStateDatabase>(sp => sp.GetRequiredService<SqliteStateDatabase>());
        services.AddSingleton<IStateStore, SqliteStateStore>();
        services.AddSingleton<ISqliteCommitParticipant, SqlitePassWriter>();
        services.AddSingleton<ISqliteCommitParticipant, SqliteFilterWriter>();

        // Opened (locked, migrated) while the host starts, before every other hosted service: a second
        // worker on the same file, or a file a newer worker upgraded, stops the start at once.
        services.AddHostedService<StateStoreInitializer>();
        return services;
    }

    /// <summary>MassTransit on RabbitMQ with publisher confirms, and the subscriber queues (<c>Rabbit</c>).</summary>
    public static IServiceCollection AddStreamerPublisher(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RabbitOptions>()
            .Bind(configuration.GetSection(RabbitOptions.SectionName))
            .Configure(o => o.DeclareQueues = SubscriberQueueOptions.ListFrom(configuration.GetSection(RabbitOptions.SectionName).GetSection(nameof(RabbitOptions.DeclareQueues))))
            .ValidateWith<RabbitOptions, RabbitOptionsValidator>(RabbitOptions.SectionName)
            .Validate(o => TryParse(o.Uri), "Rabbit:Uri must be an amqp:// or amqps:// URI, for example amqp://guest:guest@localhost:5672/.")
            .Validate(o => o.DeclareQueues.All(q => !string.IsNullOrWhiteSpace(q.Name)), "Rabbit:DeclareQueues: queue names must not be empty.")
            .Validate(o => o.HasAllowedTransport(), "Rabbit:Uri: plain amqp:// to a host other than loopback would send the broker credentials and every event unencrypted; use amqps://, or set Rabbit__AllowInsecureTransport=true to accept that.")
            .ValidateOnStart();

        services.AddHostedService<InsecureTransportWarnings>();

        // Declared before the bus starts publishing: hosted services start in registration order.
        services.AddSingleton<SubscriberQueues>();
        services.AddHostedService(sp => sp.GetRequiredService<SubscriberQueues>());
        services.AddMassTransit(bus => bus.UsingRabbitMq((context, rabbit) =>
        {
            var settings = context.GetRequiredService<IOptions<RabbitOptions>>().Value;
            AmqpAddress.Parse(settings.Uri).ConfigureHost(rabbit, host => host.PublisherConfirmation = true);
            WireJson.Configure(rabbit, settings.CompactJson);
        }));

        // Built and started in the background instead of on the host's start path (see BusStarter).
        services.RemoveMassTransitHostedService();
        services.AddHostedService<BusStarter>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StreamerMetrics>();
        services.AddSingleton<IEventPublisher, MassTransitEventPublisher>();
        return services;
    }

    /// <summary>
    /// Liveness, readiness (the MassTransit bus and every account polled recently) and the Prometheus scrape
    /// on <c>Health:Port</c> (<c>Health</c>). Register it after the state and before the publisher: the endpoint
    /// then starts once the state file is locked and before the broker is waited for.
    /// </summary>
    public static IServiceCollection AddStreamerHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HealthOptions>()
            .Bind(configuration.GetSection(HealthOptions.SectionName))
            .ValidateWith<HealthOptions, HealthOptionsValidator>(HealthOptions.SectionName)
            .Validate(o => HealthOptions.IsValidAddress(o.Address), "Health:Address must be localhost, * or + (every interface), or an IP address.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StreamerMetrics>();
        services.TryAddSingleton<AccountHealth>();

        // MassTransit adds its bus check (tagged "ready") to these health checks by itself.
        services.AddHealthChecks().AddCheck<AccountsHealthCheck>(AccountsHealthCheck.Name, tags: [HealthServer.ReadyTag, ReadyReport.DescribedTag]);
        services.AddSingleton<HealthServer>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthServer>());
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
