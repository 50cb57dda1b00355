using Streamer.Testing;
using YamlDotNet.RepresentationModel;

namespace Streamer.Samples.Tests;

/// <summary>docker-compose.yml cannot run here (no Docker engine), so it is at least parsed and cross-checked.</summary>
public sealed class DockerComposeTests
{
    private static readonly string Root = RepositoryRoot.Find();

    [Fact]
    public void Services_EveryBuild_NamesAnExistingDockerfile()
    {
        foreach (var (name, service) in Services())
        {
            if (service.Children.TryGetValue(new YamlScalarNode("build"), out var build))
            {
                var context = Scalar((YamlMappingNode)build, "context");
                var dockerfile = Scalar((YamlMappingNode)build, "dockerfile");
                Assert.True(File.Exists(Path.Combine(Root, context, dockerfile)), $"service {name}: {dockerfile} does not exist.");
            }
        }
    }

    [Fact]
    public void Services_EveryDependency_IsAService()
    {
        var services = Services();
        foreach (var (name, service) in services)
        {
            if (service.Children.TryGetValue(new YamlScalarNode("depends_on"), out var dependsOn))
            {
                Assert.All(((YamlMappingNode)dependsOn).Children.Keys, d => Assert.True(services.ContainsKey(d.ToString()), $"service {name} depends on unknown {d}."));
            }
        }
    }

    [Theory]
    [InlineData("delivery-status")]
    [InlineData("analytics")]
    public void Services_SampleQueue_IsDeclaredByTheWorker(string sample)
    {
        var services = Services();
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
