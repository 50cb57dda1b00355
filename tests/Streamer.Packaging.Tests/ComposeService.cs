using YamlDotNet.RepresentationModel;

namespace Streamer.Packaging.Tests;

/// <summary>One service of docker-compose.yml, as far as the tests read it.</summary>
public sealed class ComposeService(string name, YamlMappingNode node)
{
    private const string MergeKey = "<<";

    /// <summary>The service name (its host name on the compose network).</summary>
    public string Name => name;

    /// <summary>The Dockerfile it builds (relative to the repository root), or null when it runs a published image.</summary>
    public string? Dockerfile =>
        Child(node, "build") is YamlMappingNode build
            ? Path.Combine(Scalar(build, "context") ?? ".", Scalar(build, "dockerfile") ?? "Dockerfile").Replace('\\', '/').TrimStart('.', '/')
            : null;

    /// <summary>The published image it runs (<c>postgres:17</c>), or null when it only builds one.</summary>
    public string? Image => Scalar(node, "image");

    /// <summary>The profiles that start it; none for a service of the default <c>docker compose up</c>.</summary>
    public IReadOnlyList<string> Profiles => Strings(Child(node, "profiles"));

    /// <summary>Its <c>command</c> and <c>entrypoint</c>, word by word (a string form split on spaces).</summary>
    public IReadOnlyList<string> CommandLine => [.. Strings(Child(node, "entrypoint")), .. Strings(Child(node, "command"))];

    /// <summary>Its bind mounts (short form <c>host:container[:mode]</c>) as host path to container path; named volumes left out.</summary>
    public IReadOnlyDictionary<string, string> BindMounts =>
        Strings(Child(node, "volumes"))
            .Select(v => v.Split(':'))
            .Where(parts => parts.Length >= 2 && (parts[0].StartsWith('.') || parts[0].StartsWith('/')))
            .ToDictionary(parts => parts[1], parts => parts[0], StringComparer.Ordinal);

    /// <summary>Its environment (map form).</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        Child(node, "environment") is YamlMappingNode env
            ? Entries(env).ToDictionary(kv => kv.Key.ToString(), kv => kv.Value.ToString(), StringComparer.Ordinal)
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
        YamlMappingNode map => Entries(map).ToDictionary(
            kv => kv.Key.ToString(),
            kv => kv.Value is YamlMappingNode c ? Scalar(c, "condition") ?? "service_started" : "service_started",
            StringComparer.Ordinal),
        YamlSequenceNode list => list.Children.ToDictionary(n => n.ToString(), _ => "service_started", StringComparer.Ordinal),
        _ => new Dictionary<string, string>(),
    };

    private static IReadOnlyList<string> Strings(YamlNode? node) => node switch
    {
        YamlSequenceNode list => [.. list.Children.Select(n => n.ToString())],
        YamlScalarNode scalar when !string.IsNullOrEmpty(scalar.Value) => scalar.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        _ => [],
    };

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        Entries(map).Where(kv => kv.Key.ToString() == key).Select(kv => kv.Value).FirstOrDefault();

    // A mapping's entries as compose reads them: its own, then those of its merge keys (<<: *anchor) it does not set itself.
    private static IEnumerable<KeyValuePair<YamlNode, YamlNode>> Entries(YamlMappingNode map)
    {
        var own = map.Children.Where(kv => kv.Key.ToString() != MergeKey).ToList();
        var merged = map.Children.TryGetValue(new YamlScalarNode(MergeKey), out var from)
            ? (from is YamlSequenceNode list ? list.Children : [from]).OfType<YamlMappingNode>().SelectMany(Entries)
            : [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return own.Concat(merged).Where(kv => seen.Add(kv.Key.ToString()));
    }

    private static string? Scalar(YamlMappingNode map, string key) => Child(map, key)?.ToString();
}
