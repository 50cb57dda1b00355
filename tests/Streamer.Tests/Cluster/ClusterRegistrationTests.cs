using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streamer.Worker.Cluster;
using Streamer.Worker.Hosting;

namespace Streamer.Tests.Cluster;

public sealed class ClusterRegistrationTests
{
    [Fact]
    public void AddStreamerCluster_Sqlite_RegistersNoCoordinator()
    {
        using var services = Build(new() { ["State:Provider"] = "Sqlite" });

        Assert.Null(services.GetService<LeaseCoordinator>());
        Assert.Null(services.GetService<IAccountSource>());
    }

    [Fact]
    public void AddStreamerCluster_Postgres_TheCoordinatorIsTheAccountSource()
    {
        using var services = Build(new() { ["State:Provider"] = "Postgres", ["Cluster:InstanceId"] = "worker-1" }, withLeaseStore: true);

        var source = services.GetRequiredService<IAccountSource>();

        Assert.Same(services.GetRequiredService<LeaseCoordinator>(), source);
        Assert.Equal("worker-1", ((LeaseCoordinator)source).InstanceId);
    }

    [Fact]
    public void AddStreamerCluster_PostgresWithoutALeaseStore_PollsTheConfiguredAccountsAlone()
    {
        using var services = Build(new() { ["State:Provider"] = "Postgres" });

        Assert.Null(services.GetService<LeaseCoordinator>());
        Assert.Null(services.GetService<IAccountSource>());
    }

    [Theory]
    [InlineData("00:00:05", "00:00:10", "00:00:01")]
    [InlineData("00:00:05", "00:00:15", "00:00:05")]
    public void ClusterOptions_LeaseNotLongerThanTwoRenewalsOrJitterPastOne_RefusedAtStart(string renew, string lease, string jitter)
    {
        using var services = Build(new() { ["State:Provider"] = "Postgres", ["Cluster:RenewEvery"] = renew, ["Cluster:LeaseDuration"] = lease, ["Cluster:ClaimJitter"] = jitter }, withLeaseStore: true);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ClusterOptions>>().Value);

        Assert.Contains("Cluster:LeaseDuration must exceed twice Cluster:RenewEvery", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("State:SecretKey", "not a key!")]
    [InlineData("State:SecretKey", "AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("State:PreviousSecretKeys:0", "bm90LWEta2V5")]
    public void SecretKeyOptions_MalformedKey_RefusedAtStartNamingTheSettingNotTheKey(string setting, string key)
    {
        using var services = Build(new() { ["State:Provider"] = "Postgres", [setting] = key }, withLeaseStore: true);

        var atStart = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        var box = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<SecretBox>());

        var failure = Assert.Single(atStart.Failures);
        Assert.StartsWith($"{setting} must be", failure, StringComparison.Ordinal);
        Assert.Equal(atStart.Failures, box.Failures);
        Assert.DoesNotContain(key, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretKeyOptions_SeventeenPreviousKeys_RefusedAtStart()
    {
        var settings = new Dictionary<string, string?> { ["State:Provider"] = "Postgres", ["State:SecretKey"] = SecretBox.NewKey() };
        for (var i = 0; i < 17; i++)
        {
            settings[$"State:PreviousSecretKeys:{i}"] = SecretBox.NewKey();
        }

        using var services = Build(settings, withLeaseStore: true);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.StartsWith("State:PreviousSecretKeys: ", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void SecretKeyOptions_GoodKeys_PassAndOpenWhatTheyHaveSealed()
    {
        var previous = SecretBox.NewKey();
        var settings = new Dictionary<string, string?> { ["State:Provider"] = "Postgres", ["State:SecretKey"] = SecretBox.NewKey() };
        for (var i = 0; i < 16; i++)
        {
            settings[$"State:PreviousSecretKeys:{i}"] = i == 15 ? previous : SecretBox.NewKey();
        }

        using var services = Build(settings, withLeaseStore: true);
        services.GetRequiredService<IStartupValidator>().Validate();
        var sealedUnderPrevious = new SecretBox(new SecretKeyOptions { SecretKey = previous }).Seal("sales", "secret");

        Assert.Equal("secret", services.GetRequiredService<SecretBox>().Open("sales", sealedUnderPrevious));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, bool withLeaseStore = false)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddMetrics();
        services.AddOptions<Streamer.Worker.Configuration.AccountsOptions>();
        if (withLeaseStore)
        {
            services.AddSingleton<ILeaseStore>(new InMemoryLeaseStore(TimeProvider.System));
        }

        services.AddStreamerCluster(configuration);
        return services.BuildServiceProvider();
    }
}
