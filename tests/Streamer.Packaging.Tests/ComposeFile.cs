using Streamer.Testing;
using YamlDotNet.RepresentationModel;

namespace Streamer.Packaging.Tests;

/// <summary>docker-compose.yml of the repository, parsed with YamlDotNet.</summary>
public static class ComposeFile
{
    /// <summary>The profile of the cluster: PostgreSQL, three workers and a simulator of 30 tenants (docs/scaling.md).</summary>
    public const string ScaleProfile = "scale";

    /// <summary>Its services by name.</summary>
    public static IReadOnlyDictionary<string, ComposeService> Services()
    {
        using var reader = new StreamReader(Path.Combine(RepositoryRoot.Find(), "docker-compose.yml"));
        var stream = new YamlStream();
        stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var services = (YamlMappingNode)root.Children[new YamlScalarNode("services")];
        return services.Children.ToDictionary(
            kv => kv.Key.ToString(),
            kv => new ComposeService(kv.Key.ToString(), (YamlMappingNode)kv.Value),
            StringComparer.Ordinal);
    }

    /// <summary>The services <c>docker compose up</c> starts without a profile: the quick start.</summary>
    public static IReadOnlyList<ComposeService> DefaultServices() => [.. Services().Values.Where(s => s.Profiles.Count == 0)];

    /// <summary>The services of <paramref name="profile"/>.</summary>
    public static IReadOnlyList<ComposeService> InProfile(string profile) => [.. Services().Values.Where(s => s.Profiles.Contains(profile))];
}
