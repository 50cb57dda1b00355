using YamlDotNet.RepresentationModel;

namespace Streamer.Contracts.Tests;

/// <summary>Fails when contracts/Streamer.Contracts and docs/asyncapi.yaml disagree.</summary>
public sealed class AsyncApiDriftTests
{
    private static readonly Lazy<AsyncApiDocument> Loaded = new(AsyncApiDocument.Load);

    private static AsyncApiDocument Document => Loaded.Value;

    [Theory]
    [MemberData(nameof(ContractTypes.AllData), MemberType = typeof(ContractTypes))]
    public void Schema_EveryContractType_IsDescribed(string typeName)
    {
        Assert.True(
            Document.SchemasByDotnetType().ContainsKey(typeName),
            $"docs/asyncapi.yaml has no schema with x-dotnet-type: {typeName}.");
    }

    [Fact]
    public void Schema_EveryDescribedType_ExistsInTheContracts()
    {
        var missing = Document.SchemasByDotnetType().Keys.Except(ContractTypes.All.Select(t => t.FullName!)).ToList();

        Assert.True(missing.Count == 0, $"docs/asyncapi.yaml describes types the contracts do not have: {string.Join(", ", missing)}.");
    }

    [Theory]
    [MemberData(nameof(ContractTypes.AllData), MemberType = typeof(ContractTypes))]
    public void Schema_RecordOrEnum_MatchesTheType(string typeName)
    {
        var type = ContractTypes.Named(typeName);
        var schema = Document.SchemasByDotnetType()[typeName];
        if (type.IsEnum)
        {
            AssertEnum(type, schema);
        }
        else
        {
            AssertObject(type, schema);
        }
    }

    [Theory]
    [MemberData(nameof(ContractTypes.PublishedData), MemberType = typeof(ContractTypes))]
    public void Channel_EveryPublishedType_HasItsExchangeAndMessage(string typeName)
    {
        var type = ContractTypes.Named(typeName);
        var exchange = $"{type.Namespace}:{type.Name}";
        var channel = Document.Channels.Children.Values.OfType<YamlMappingNode>()
            .SingleOrDefault(c => AsyncApiDocument.Text(c, "address") == exchange);
        Assert.True(channel is not null, $"docs/asyncapi.yaml has no channel with address '{exchange}'.");

        var message = AsyncApiDocument.Map(Document.Messages, type.Name);
        // payload: allOf [MassTransitEnvelope, { the envelope's messageType and message for this type }]
        var parts = AsyncApiDocument.Sequence(AsyncApiDocument.Map(message, "payload"), "allOf")!.Children.OfType<YamlMappingNode>().ToList();
        Assert.Contains(parts, p => AsyncApiDocument.Text(p, "$ref") == "#/components/schemas/MassTransitEnvelope");
        var envelope = AsyncApiDocument.Map(parts.Single(p => AsyncApiDocument.Text(p, "$ref") is null), "properties");
        Assert.Equal($"ref:{type.Name}", SchemaShape.Of(AsyncApiDocument.Map(envelope, "message")));
        var urns = AsyncApiDocument.Scalars(AsyncApiDocument.Sequence(AsyncApiDocument.Map(envelope, "messageType"), "const")).ToList();
        Assert.Equal(MessageTypes(type), urns);
    }

    [Theory]
    [InlineData(typeof(ChatMessageEvent))]
    [InlineData(typeof(ChatMediaArchiveOutcome))]
    public void Channel_BaseType_CarriesEveryDerivedEvent(Type baseType)
    {
        var channel = Document.Channels.Children.Values.OfType<YamlMappingNode>()
            .Single(c => AsyncApiDocument.Text(c, "address") == $"{baseType.Namespace}:{baseType.Name}");
        var documented = AsyncApiDocument.Map(channel, "messages").Children.Values.OfType<YamlMappingNode>()
            .Select(m => AsyncApiDocument.Text(m, "$ref")![(AsyncApiDocument.Text(m, "$ref")!.LastIndexOf('/') + 1)..])
            .Order(StringComparer.Ordinal);
        var derived = ContractTypes.Published.Where(t => t.IsSubclassOf(baseType)).Select(t => t.Name).Order(StringComparer.Ordinal);

        Assert.Equal(derived, documented);
    }

    private static void AssertObject(Type type, YamlMappingNode schema)
    {
        var (documented, required) = Document.PropertiesOf(schema);
        var actual = ContractTypes.JsonProperties(type);

        var undocumented = actual.Keys.Except(documented.Keys).ToList();
        var extra = documented.Keys.Except(actual.Keys).ToList();
        Assert.True(undocumented.Count == 0, $"{type.Name}: properties missing from docs/asyncapi.yaml: {string.Join(", ", undocumented)}.");
        Assert.True(extra.Count == 0, $"{type.Name}: docs/asyncapi.yaml has properties the type does not: {string.Join(", ", extra)}.");

        // The worker's compact JSON leaves out a null property unless it is a C# required member: a property is
        // required in the schema exactly when it cannot be null, or must be written (WireFormTests checks the rule).
        var always = actual.Where(p => !ContractTypes.MayBeAbsent(p.Value)).Select(p => p.Key).ToList();
        var notRequired = always.Except(required).ToList();
        var wronglyRequired = required.Except(always).ToList();
        Assert.True(notRequired.Count == 0, $"{type.Name}: properties never left out but not listed in required: {string.Join(", ", notRequired)}.");
        Assert.True(wronglyRequired.Count == 0, $"{type.Name}: properties listed in required that compact JSON leaves out when null: {string.Join(", ", wronglyRequired)}.");

        var mismatches = actual
            .Select(p => (Name: p.Key, Type: SchemaShape.Of(p.Value), Documented: SchemaShape.Of(documented[p.Key])))
            .Where(p => p.Type != p.Documented)
            .Select(p => $"{p.Name} is {p.Type} but documented as {p.Documented}")
            .ToList();
        Assert.True(mismatches.Count == 0, $"{type.Name}: {string.Join("; ", mismatches)}.");
    }

    private static void AssertEnum(Type type, YamlMappingNode schema)
    {
        Assert.Equal("integer", AsyncApiDocument.Text(schema, "type"));
        var values = Enum.GetValues(type).Cast<object>().Select(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(values, AsyncApiDocument.Scalars(AsyncApiDocument.Sequence(schema, "enum")));
        Assert.Equal(Enum.GetNames(type), AsyncApiDocument.Scalars(AsyncApiDocument.Sequence(schema, "x-enum-varnames")));
    }

    private static List<string> MessageTypes(Type type)
    {
        var urns = new List<string>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            urns.Add($"urn:message:{t.Namespace}:{t.Name}");
        }

        return urns;
    }
}
