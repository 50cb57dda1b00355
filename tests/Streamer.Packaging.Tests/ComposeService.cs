using YamlDotNet.RepresentationModel;

namespace Streamer.Packaging.Tests;

/// <summary>One service of docker-compose.yml, as far as the tests read it.</summary>
public sealed class ComposeService(string name, YamlMappingNode node)
{
    /// <summary>The service name (its host name on the compose network).</summary>
    public string Name => name;

    /// <summary>The Dockerfile it builds (relative to the repository root), or null when it runs a published image.</summary>
    public string? Dockerfile =>
        Child(node, "build") is YamlMappingNode build
            ? Path.Combine(Scalar(build, "context") ?? ".", Scalar(build, "dockerfile") ?? "Dockerfile").Replace('\\', '/').TrimStart('.', '/')
            : null;

    /// <summary>Its environment (map form).</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        Child(node, "environment") is YamlMappingNode env
            ? env.Children.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>();

    /// <summary>The container side of each published port (<c>"8080:8080"</c> gives 8080).</summary>
    public IReadOnlyList<int> ContainerPorts =>
        Child(node, "ports") is YamlSequenceNode ports
            ? ports.Children.Select(p => int.Parse(p.ToString().Split(':')[^1].Split('/')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList()
            : [];

    /// <summary>Its own health check's test, when compose sets one.</summary>
    public YamlNode? Healthcheck => Child(node, "healthcheck") is YamlMappingNode check ? Child(check, "test") : null;

    /// <summary>Whether compose turns the image's health check off.</summary>
    public bool HealthcheckDisabled =>
        Child(node, "healthcheck") is YamlMappingNode check && Scalar(check, "disable") == "true";

    /// <summary>The services it waits for, with the condition (<c>service_started</c> when none is given).</summary>
    public IReadOnlyDictionary<string, string> DependsOn => Child(node, "depends_on") switch
    {
        YamlMappingNode map => map.Children.ToDictionary(
            kv => kv.Key.ToString(),
            kv => kv.Value is YamlMappingNode c ? Scalar(c, "condition") ?? "service_started" : "service_started",
            StringComparer.Ordinal),
        YamlSequenceNode list => list.Children.ToDictionary(n => n.ToString(), _ => "service_started", StringComparer.Ordinal),
        _ => new Dictionary<string, string>(),
    };

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode map, string key) => Child(map, key)?.ToString();
}
