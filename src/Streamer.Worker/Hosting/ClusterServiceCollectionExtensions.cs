using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streamer.Worker.Cluster;
using Streamer.Worker.State;

namespace Streamer.Worker.Hosting;

/// <summary>Registers the cluster layer of scale-out: leases, fencing and the accounts table's secrets.</summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// The cluster (<c>Cluster</c>), only with <c>State:Provider=Postgres</c>: the lease coordinator becomes the source
    /// of the accounts this instance polls. Register it before the polling, so that it stops after it (its leases
    /// are released once the polls ended). With SQLite nothing is registered: the file lock stands for the lease.
    /// </summary>
    public static IServiceCollection AddStreamerCluster(this IServiceCollection services, IConfiguration configuration)
    {
        var state = configuration.GetSection(StateOptions.SectionName).Get<StateOptions>() ?? new StateOptions();
        // Without a lease store (one registered by the state backend before this), the instance polls its
        // configured accounts alone, as with SQLite.
        if (state.Provider != StateProvider.Postgres || !services.Any(d => d.ServiceType == typeof(ILeaseStore)))
        {
            return services;
        }

        services.AddOptions<ClusterOptions>()
            .Bind(configuration.GetSection(ClusterOptions.SectionName))
            .ValidateWith<ClusterOptions, ClusterOptionsValidator>(ClusterOptions.SectionName)
            .Validate(o => o.HasConsistentTimes(), "Cluster:LeaseDuration must exceed twice Cluster:RenewEvery, and Cluster:ClaimJitter must be less than Cluster:RenewEvery.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StreamerMetrics>();
        services.TryAddSingleton<FenceAlarm>();
        services.AddOptions<SecretKeyOptions>()
            .Bind(configuration.GetSection(SecretKeyOptions.SectionName))
            .ValidateWith<SecretKeyOptions, SecretKeyOptionsValidator>(SecretKeyOptions.SectionName)
            .ValidateOnStart();
        services.TryAddSingleton(sp => new SecretBox(sp.GetRequiredService<IOptions<SecretKeyOptions>>().Value));

        // The accounts table joins the configured accounts once the backend registers its store.
        services.TryAddSingleton<IAccountDirectory>(sp => sp.GetService<IAccountStore>() is { } store
            ? ActivatorUtilities.CreateInstance<StoredAccountDirectory>(sp, store)
            : ActivatorUtilities.CreateInstance<ConfiguredAccountDirectory>(sp));
        services.AddSingleton(sp => new LeaseCoordinator(
            sp.GetRequiredService<ILeaseStore>(),
            sp.GetRequiredService<IAccountDirectory>(),
            sp.GetRequiredService<IOptions<ClusterOptions>>(),
            sp.GetRequiredService<FenceAlarm>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LeaseCoordinator>>()));
        services.Replace(ServiceDescriptor.Singleton<IAccountSource>(sp => sp.GetRequiredService<LeaseCoordinator>()));
        services.AddHostedService(sp => sp.GetRequiredService<LeaseCoordinator>());
        return services;
    }
}
