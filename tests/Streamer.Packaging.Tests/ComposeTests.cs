namespace Streamer.Packaging.Tests;

/// <summary>
/// docker-compose.yml cannot run here (no Docker engine), so it is checked against the apps: a service for every
/// image, every variable a setting the app reads with a value it accepts, published ports the app's, health
/// checks where services wait for health.
/// </summary>
public sealed class ComposeTests
{
    private static readonly string[] UriSchemes = ["amqp", "amqps", "http", "https"];

    // Read by an app's host before its options (StreamerHost: a JSON file of settings), so no options class has them.
    private static readonly Dictionary<string, string[]> HostVariables = new(StringComparer.Ordinal)
    {
        ["src/Streamer.Worker/Dockerfile"] = ["ConfigFile"],
    };

    public static TheoryData<string> Dockerfiles => DockerfileTests.Dockerfiles;

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Services_EveryDockerfile_IsBuiltByADefaultService(string path)
    {
        // The quick start (no profile) builds each image once; a profile's services may build it again (from the build cache).
        var builders = ComposeFile.DefaultServices().Where(s => s.Dockerfile == path).Select(s => s.Name).ToList();

        Assert.True(builders.Count == 1, $"{path} is built by {builders.Count} services of docker-compose.yml's default profile ({string.Join(", ", builders)}); expected one.");
    }

    [Fact]
    public void Services_EveryHostASettingNames_IsAServiceListeningOnThatPort()
    {
        var services = ComposeFile.Services();
        var checkedUris = 0;
        foreach (var service in services.Values)
        {
            foreach (var (name, value) in service.Environment)
            {
                if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !UriSchemes.Contains(uri.Scheme))
                {
                    continue;
                }

                checkedUris++;
                Assert.True(services.TryGetValue(uri.Host, out var target), $"{service.Name}: {name} names host {uri.Host}, which is no service.");
                var port = uri.IsDefaultPort ? DefaultPort(uri.Scheme) : uri.Port;
                Assert.True(ListensOn(target!).Contains(port), $"{service.Name}: {name} uses port {port} of {target!.Name}, which listens on {string.Join(", ", ListensOn(target))}.");
            }
        }

        // The broker URI of the worker and both samples, and the worker's API address at least.
        Assert.True(checkedUris >= 4, $"only {checkedUris} service addresses found in docker-compose.yml.");
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Environment_OfEachService_IsMadeOfTheAppsSettings(string path)
    {
        var app = ImageApp.All.Single(a => a.Dockerfile.Path == path);
        var hostVariables = HostVariables.GetValueOrDefault(path) ?? [];
        foreach (var service in Builders(path))
        {
            Assert.NotEmpty(service.Environment);
            var problems = service.Environment
                .Where(kv => !AppSettings.IsFrameworkVariable(kv.Key) && !hostVariables.Contains(kv.Key))
                .Select(kv => app.Settings.Problem(kv.Key, kv.Value))
                .OfType<string>()
                .ToList();

            Assert.True(problems.Count == 0, $"{service.Name}: {string.Join("; ", problems)}");
        }
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Ports_OfEachService_AreThePortTheAppListensOnAndExposes(string path)
    {
        var app = ImageApp.All.Single(a => a.Dockerfile.Path == path);
        foreach (var service in Builders(path))
        {
            var port = app.Port(service.Environment);
            foreach (var published in service.ContainerPorts)
            {
                Assert.True(published == port, $"{service.Name} publishes container port {published}; the app listens on {port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}.");
                Assert.Contains(published, app.Dockerfile.ExposedPorts);
            }
        }
    }

    [Fact]
    public void Healthchecks_EveryServiceWaitedForAsHealthy_HasOne()
    {
        var services = ComposeFile.Services();
        var waits = services.Values.SelectMany(s => s.DependsOn.Where(d => d.Value == "service_healthy").Select(d => (s.Name, Target: d.Key))).ToList();

        // The samples and the worker wait for the broker; the worker also for the simulator.
        Assert.True(waits.Count >= 4, $"only {waits.Count} health conditions in docker-compose.yml.");
        foreach (var (name, target) in waits)
        {
            Assert.True(services.TryGetValue(target, out var service), $"{name} waits for unknown service {target}.");
            Assert.True(HasHealthcheck(service!), $"{name} waits for {target} to be healthy, but {target} has no health check.");
        }
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Healthchecks_OfEachListeningService_AreOn(string path)
    {
        var app = ImageApp.All.Single(a => a.Dockerfile.Path == path);
        foreach (var service in Builders(path).Where(s => app.Port(s.Environment) is not null))
        {
            Assert.True(HasHealthcheck(service), $"{service.Name} listens but has no health check.");
        }
    }

    // Every service that builds the image, the quick start's and the profiles'.
    private static IReadOnlyList<ComposeService> Builders(string path)
    {
        var services = ComposeFile.Services().Values.Where(s => s.Dockerfile == path).ToList();
        Assert.True(services.Count > 0, $"no service of docker-compose.yml builds {path}.");
        return services;
    }

    /// <summary>Whether the service has a health check: its own, or its image's when compose does not turn it off.</summary>
    internal static bool HasHealthcheck(ComposeService service) =>
        !service.HealthcheckDisabled
        && (service.Healthcheck is not null
            || (service.Dockerfile is { } path && ImageApp.All.Single(a => a.Dockerfile.Path == path).Dockerfile.HealthcheckCommand is not null));

    // A built service listens where its app does; a published image (the broker) on the ports compose publishes.
    private static IReadOnlyList<int> ListensOn(ComposeService service) =>
        service.Dockerfile is { } path
            ? ImageApp.All.Single(a => a.Dockerfile.Path == path).Port(service.Environment) is { } port ? [port] : []
            : service.ContainerPorts;

    private static int DefaultPort(string scheme) => scheme switch
    {
        "amqp" => 5672,
        "amqps" => 5671,
        "http" => 80,
        _ => 443,
    };
}
