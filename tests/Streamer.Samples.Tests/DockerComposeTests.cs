using Streamer.Testing;
using YamlDotNet.RepresentationModel;

namespace Streamer.Samples.Tests;

/// <summary>docker-compose.yml cannot run here (no Docker engine), so it is at least parsed and cross-checked.</summary>
public sealed class DockerComposeTests
{
    private static readonly string Root = RepositoryRoot.Find();

    // What the demo is made of; each test first checks these are there, so an emptied file cannot pass.
    private static readonly HashSet<string> Built = ["simulator", "worker", "delivery-status", "analytics"];
    private static readonly HashSet<string> Dependent = ["worker", "delivery-status", "analytics"];
    private static readonly YamlScalarNode BuildKey = new("build");
    private static readonly YamlScalarNode DependsOnKey = new("depends_on");

    [Fact]
    public void Services_EveryBuild_NamesAnExistingDockerfile()
    {
        var built = Services().Where(s => s.Value.Children.ContainsKey(BuildKey)).ToDictionary();

        Assert.Superset(Built, built.Keys.ToHashSet());
        foreach (var (name, service) in built)
        {
            var build = (YamlMappingNode)service.Children[BuildKey];
            var context = Scalar(build, "context");
            var dockerfile = Scalar(build, "dockerfile");
            Assert.True(File.Exists(Path.Combine(Root, context, dockerfile)), $"service {name}: {dockerfile} does not exist.");
        }
    }

    [Fact]
    public void Services_EveryDependency_IsAService()
    {
        var services = Services();
        var dependent = services.Where(s => s.Value.Children.ContainsKey(DependsOnKey)).ToDictionary();

        Assert.Superset(Dependent, dependent.Keys.ToHashSet());
        foreach (var (name, service) in dependent)
        {
            var dependsOn = ((YamlMappingNode)service.Children[DependsOnKey]).Children.Keys.Select(d => d.ToString()).ToList();
            Assert.Contains("rabbitmq", dependsOn);
            Assert.All(dependsOn, d => Assert.True(services.ContainsKey(d), $"service {name} depends on unknown {d}."));
        }
    }

    [Theory]
    [InlineData("delivery-status")]
    [InlineData("analytics")]
    public void Services_SampleQueue_IsDeclaredByTheWorker(string sample)
    {
        var services = Services();
        Assert.True(services.ContainsKey(sample), $"no service {sample}.");
        Assert.True(services.ContainsKey("worker"), "no service worker.");
        var queue = Scalar(Environment(services[sample]), "Rabbit__Queue");
        var declared = Environment(services["worker"]).Children
            .Where(kv => kv.Key.ToString().StartsWith("Rabbit__DeclareQueues__", StringComparison.Ordinal))
            .Select(kv => kv.Value.ToString());

        Assert.Contains(queue, declared);
    }

    private static Dictionary<string, YamlMappingNode> Services()
    {
        using var reader = new StreamReader(Path.Combine(Root, "docker-compose.yml"));
        var stream = new YamlStream();
        stream.Load(reader);
        var services = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("services")];
        return services.Children.ToDictionary(kv => kv.Key.ToString(), kv => (YamlMappingNode)kv.Value, StringComparer.Ordinal);
    }

    private static YamlMappingNode Environment(YamlMappingNode service) =>
        (YamlMappingNode)service.Children[new YamlScalarNode("environment")];

    private static string Scalar(YamlMappingNode node, string key) => node.Children[new YamlScalarNode(key)].ToString();
}
