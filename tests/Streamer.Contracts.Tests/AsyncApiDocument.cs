using Streamer.Testing;
using YamlDotNet.RepresentationModel;

namespace Streamer.Contracts.Tests;

/// <summary>docs/asyncapi.yaml, parsed once, with the few look-ups the drift tests need.</summary>
public sealed class AsyncApiDocument
{
    private AsyncApiDocument(YamlMappingNode root) => Root = root;

    public YamlMappingNode Root { get; }

    public YamlMappingNode Schemas => Map(Map(Root, "components"), "schemas");

    public YamlMappingNode Channels => Map(Root, "channels");

    public YamlMappingNode Messages => Map(Map(Root, "components"), "messages");

    public static AsyncApiDocument Load()
    {
        var path = Path.Combine(RepositoryRoot.Find(), "docs", "asyncapi.yaml");
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return new AsyncApiDocument((YamlMappingNode)stream.Documents[0].RootNode);
    }

    /// <summary>The schemas that describe a .NET type, by the type's full name (their x-dotnet-type).</summary>
    public IReadOnlyDictionary<string, YamlMappingNode> SchemasByDotnetType() =>
        Schemas.Children.Values
            .OfType<YamlMappingNode>()
            .Where(s => Text(s, "x-dotnet-type") is not null)
            .ToDictionary(s => Text(s, "x-dotnet-type")!, StringComparer.Ordinal);

    /// <summary>The schema a <c>#/components/schemas/Name</c> reference points at.</summary>
    public YamlMappingNode Resolve(string reference)
    {
        const string prefix = "#/components/schemas/";
        Assert.StartsWith(prefix, reference, StringComparison.Ordinal);
        return Map(Schemas, reference[prefix.Length..]);
    }

    /// <summary>
    /// The properties of an object schema, following <c>allOf</c> (inline parts and references) so a derived
    /// event's schema yields its base's properties too; and the union of their <c>required</c> lists.
    /// </summary>
    public (Dictionary<string, YamlMappingNode> Properties, HashSet<string> Required) PropertiesOf(YamlMappingNode schema)
    {
        var properties = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal);
        Collect(schema, properties, required);
        return (properties, required);
    }

    public static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    public static YamlMappingNode Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlMappingNode map
            ? map
            : throw new KeyNotFoundException($"docs/asyncapi.yaml: no mapping '{key}' at line {node.Start.Line}.");

    public static YamlSequenceNode? Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlSequenceNode : null;

    public static IEnumerable<string> Scalars(YamlSequenceNode? sequence) =>
        sequence?.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty) ?? [];

    private void Collect(YamlMappingNode schema, Dictionary<string, YamlMappingNode> properties, HashSet<string> required)
    {
        if (Text(schema, "$ref") is { } reference)
        {
            Collect(Resolve(reference), properties, required);
            return;
        }

        foreach (var part in Sequence(schema, "allOf")?.Children.OfType<YamlMappingNode>() ?? [])
        {
            Collect(part, properties, required);
        }

        if (schema.Children.ContainsKey(new YamlScalarNode("properties")))
        {
            foreach (var (name, value) in Map(schema, "properties").Children)
            {
                Assert.True(
                    properties.TryAdd(((YamlScalarNode)name).Value!, (YamlMappingNode)value),
                    $"docs/asyncapi.yaml: property '{name}' is described twice (line {name.Start.Line}).");
            }
        }

        required.UnionWith(Scalars(Sequence(schema, "required")));
    }
}
