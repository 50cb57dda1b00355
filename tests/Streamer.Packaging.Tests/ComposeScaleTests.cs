using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Streamer.Simulator;
using Streamer.Simulator.Control;
using Streamer.Testing;
using Streamer.Worker.Configuration;
using Streamer.Worker.State;

namespace Streamer.Packaging.Tests;

/// <summary>
/// The <c>scale</c> profile of docker-compose.yml (docs/scaling.md), checked against the apps since no Docker engine
/// runs here: three workers on one PostgreSQL database with distinct instance ids, gated by the database's health
/// check, sharing the 30 accounts of a mounted file that are the tenants the profile's simulator serves; no secret
/// on a command line; the quick start untouched by it.
/// </summary>
public sealed class ComposeScaleTests
{
    private const string WorkerDockerfile = "src/Streamer.Worker/Dockerfile";
    private const string SimulatorDockerfile = "src/Streamer.Simulator/Dockerfile";
    private const int Accounts = 30;
    private const int PostgresPort = 5432;

    [Fact]
    public void Workers_ScaleProfile_AreThreeInstancesOnPostgresWithDistinctIds()
    {
        var workers = Workers();

        Assert.Equal(3, workers.Count);
        foreach (var worker in workers)
        {
            Assert.True(
                Enum.TryParse<StateProvider>(worker.Environment.GetValueOrDefault("State__Provider"), ignoreCase: true, out var provider) && provider == StateProvider.Postgres,
                $"{worker.Name}: State__Provider is not Postgres, so it would take no leases.");
        }

        var ids = workers.Select(w => w.Environment.GetValueOrDefault("Cluster__InstanceId")).ToList();
        Assert.All(ids, id => Assert.False(string.IsNullOrEmpty(id), "a worker of the scale profile has no Cluster__InstanceId."));
        Assert.True(ids.Distinct(StringComparer.Ordinal).Count() == workers.Count, $"instance ids are not distinct: {string.Join(", ", ids)}.");
    }

    [Fact]
    public void Workers_ScaleProfile_ShareTheOnePostgresDatabase()
    {
        var databases = ComposeFile.InProfile(ComposeFile.ScaleProfile).Where(s => s.Image?.StartsWith("postgres:", StringComparison.Ordinal) == true).ToList();
        var postgres = Assert.Single(databases);

        foreach (var worker in Workers())
        {
            var connection = new NpgsqlConnectionStringBuilder(worker.Environment.GetValueOrDefault("State__ConnectionString"));
            Assert.Equal(postgres.Name, connection.Host);
            Assert.Equal(PostgresPort, connection.Port);
            Assert.Equal(postgres.Environment["POSTGRES_DB"], connection.Database);
            Assert.Equal(postgres.Environment["POSTGRES_USER"], connection.Username);
            Assert.Equal(postgres.Environment["POSTGRES_PASSWORD"], connection.Password);
        }

        Assert.Single(Workers().Select(w => w.Environment["State__ConnectionString"]).Distinct(StringComparer.Ordinal));
    }

    [Fact]
    public void Healthchecks_ScaleProfile_GateEveryWorkerOnTheDatabaseBrokerAndSimulator()
    {
        var services = ComposeFile.Services();
        var postgres = ComposeFile.InProfile(ComposeFile.ScaleProfile).Single(s => s.Image?.StartsWith("postgres:", StringComparison.Ordinal) == true);
        Assert.True(postgres.Healthcheck?.ToString().Contains("pg_isready", StringComparison.Ordinal) == true, $"{postgres.Name} has no pg_isready health check.");

        foreach (var worker in Workers())
        {
            var simulator = Simulator();
            foreach (var target in new[] { postgres.Name, "rabbitmq", simulator.Name })
            {
                Assert.True(
                    worker.DependsOn.GetValueOrDefault(target) == "service_healthy",
                    $"{worker.Name} does not wait for {target} to be healthy (depends_on: {string.Join(", ", worker.DependsOn.Select(d => $"{d.Key}={d.Value}"))}).");
                Assert.True(ComposeTests.HasHealthcheck(services[target]), $"{worker.Name} waits for {target}, which has no health check.");
            }
        }
    }

    [Fact]
    public void Accounts_ScaleProfile_AreThirtyWithUniqueNamesOnTheSimulator()
    {
        var simulator = Simulator();
        var port = ImageApp.All.Single(a => a.Dockerfile.Path == SimulatorDockerfile).Port(simulator.Environment);
        var lists = Workers().Select(w => (Worker: w, Accounts: AccountsOf(w))).ToList();

        foreach (var (worker, accounts) in lists)
        {
            Assert.Equal(Accounts, accounts.Count);
            var duplicates = accounts.GroupBy(a => a.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(duplicates.Count == 0, $"{worker.Name}: account names repeat: {string.Join(", ", duplicates)}.");
            foreach (var account in accounts)
            {
                var baseUrl = new Uri(account.BaseUrl);
                Assert.True(baseUrl.Host == simulator.Name && baseUrl.Port == port, $"{worker.Name}: account {account.Name} polls {baseUrl}, not {simulator.Name}:{port}.");
                Assert.True(account.AllowInsecureTransport, $"{worker.Name}: account {account.Name} reaches the simulator over http without AllowInsecureTransport: the worker would refuse it.");
            }
        }

        // Every instance sees the same directory, or the shares would not add up.
        var first = lists[0].Accounts.Select(a => a.Name).Order(StringComparer.Ordinal).ToList();
        Assert.All(lists, l => Assert.Equal(first, l.Accounts.Select(a => a.Name).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task Accounts_ScaleProfile_AreTheTenantsItsSimulatorServes()
    {
        var simulator = Simulator();
        Assert.Equal(Accounts, int.Parse(simulator.Environment["Simulator__Tenants"], CultureInfo.InvariantCulture));
        Assert.True(
            double.Parse(simulator.Environment["Simulator__TenantLiveRatePerMinute"], CultureInfo.InvariantCulture) > 0,
            $"{simulator.Name} has no live traffic per tenant.");

        // The simulator with the service's settings, idle: what matters here is the credentials it accepts.
        var args = simulator.Environment
            .Where(kv => kv.Key.StartsWith(SimulatorOptions.SectionName + "__", StringComparison.Ordinal))
            .Select(kv => $"--{kv.Key.Replace("__", ":", StringComparison.Ordinal)}={kv.Value}")
            .Prepend("--urls=http://127.0.0.1:0")
            .ToArray();
        await using var app = SimulatorApp.Build(args, o =>
        {
            o.Mode = SimulatorMode.Idle;
            o.TenantLiveRatePerMinute = 0;
        });
        await app.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        var served = (await http.GetFromJsonAsync("/_sim/tenants", SimulatorJsonContext.Default.TenantList, CancellationToken.None))!;

        var tenants = served.Tenants.Select(t => (t.Name, t.TenantId, t.AppKey, t.AccessKey, t.AccessSecret, served.TimeZone)).Order().ToList();
        foreach (var worker in Workers())
        {
            var accounts = AccountsOf(worker).Select(a => (a.Name, a.TenantId, a.AppKey, a.AccessKey, a.AccessSecret, a.TimeZone)).Order().ToList();
            Assert.Equal(tenants, accounts);
        }

        await app.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void CommandLines_EveryService_CarryNoSecret()
    {
        var workers = Workers();
        var secrets = workers.SelectMany(AccountsOf).Select(a => a.AccessSecret)
            .Concat(workers.Select(w => new NpgsqlConnectionStringBuilder(w.Environment["State__ConnectionString"]).Password ?? string.Empty))
            .Where(s => s.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
        string[] secretSettings = ["ConnectionString", "SecretKey", "AccessSecret", "Password"];

        foreach (var service in ComposeFile.Services().Values)
        {
            foreach (var word in service.CommandLine)
            {
                Assert.False(secrets.Any(s => word.Contains(s, StringComparison.Ordinal)), $"{service.Name}: a secret is on its command line, where ps and docker inspect show it.");
                Assert.False(secretSettings.Any(s => word.Contains(s, StringComparison.OrdinalIgnoreCase)), $"{service.Name}: '{word}' sets a secret on the command line.");
            }
        }

        // Looked for: every account's secret and the database password.
        Assert.Equal(Accounts + 1, secrets.Count);
    }

    [Fact]
    public void DefaultProfile_QuickStart_StartsNothingOfTheScaleProfile()
    {
        var defaults = ComposeFile.DefaultServices();
        var scale = ComposeFile.InProfile(ComposeFile.ScaleProfile).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(scale);
        Assert.Equal(["analytics", "delivery-status", "rabbitmq", "simulator", "worker"], defaults.Select(s => s.Name).Order(StringComparer.Ordinal));
        foreach (var service in defaults)
        {
            // `docker compose up` without the profile could not start a service that waits for one of its services.
            Assert.DoesNotContain(service.DependsOn.Keys, scale.Contains);
        }

        var worker = defaults.Single(s => s.Dockerfile == WorkerDockerfile);
        Assert.False(worker.Environment.ContainsKey("State__Provider"), "the quick start's worker keeps the SQLite default.");
    }

    private static IReadOnlyList<ComposeService> Workers() =>
        [.. ComposeFile.InProfile(ComposeFile.ScaleProfile).Where(s => s.Dockerfile == WorkerDockerfile)];

    private static ComposeService Simulator() =>
        Assert.Single(ComposeFile.InProfile(ComposeFile.ScaleProfile), s => s.Dockerfile == SimulatorDockerfile);

    // The accounts as the worker binds them: its ConfigFile (the file mounted there) under its environment.
    private static List<AccountOptions> AccountsOf(ComposeService worker)
    {
        var path = worker.Environment.GetValueOrDefault("ConfigFile");
        Assert.False(string.IsNullOrEmpty(path), $"{worker.Name} has no ConfigFile.");
        Assert.True(worker.BindMounts.TryGetValue(path, out var hostPath), $"{worker.Name}: nothing is mounted at its ConfigFile {path}.");
        var file = Path.GetFullPath(Path.Combine(RepositoryRoot.Find(), hostPath));
        Assert.True(File.Exists(file), $"{worker.Name} mounts {hostPath}, which is not in the repository.");

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(file)
            .AddInMemoryCollection(worker.Environment.Select(kv => KeyValuePair.Create(kv.Key.Replace("__", ":", StringComparison.Ordinal), (string?)kv.Value)))
            .Build();
        var accounts = new List<AccountOptions>();
        configuration.GetSection(AccountsOptions.SectionName).Bind(accounts);
        return accounts;
    }
}
