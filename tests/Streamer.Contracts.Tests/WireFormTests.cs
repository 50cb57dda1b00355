using System.Reflection;
using System.Text;
using System.Text.Json;
using MassTransit;
using MassTransit.Context;
using MassTransit.Serialization;
using Streamer.Worker.Publishing;

namespace Streamer.Contracts.Tests;

/// <summary>
/// The worker's compact JSON (<c>Rabbit:CompactJson</c>, the default) against MassTransit's own form (indented,
/// every null written): both are written by MassTransit's serializer and read back by its deserializer, as a
/// consumer built on Streamer.Contracts reads them. Nothing in this test process configures a bus, so the
/// deserializer runs with MassTransit's default options, those of any consumer.
/// </summary>
public sealed class WireFormTests
{
    private static readonly Uri Source = new("rabbitmq://localhost/wire/host_Streamer_Worker_bus_x?temporary=true");

    private static readonly MethodInfo SerializeOfT = typeof(WireFormTests).GetMethod(nameof(SerializeAs), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo ReadOfT = typeof(WireFormTests).GetMethod(nameof(ReadAs), BindingFlags.NonPublic | BindingFlags.Static)!;

    // Every public property, nulls included, PascalCase: two records are equal when these are.
    private static readonly JsonSerializerOptions Canonical = new();

    public static IEnumerable<object[]> Samples =>
        WireSamples.Full.Select((m, i) => new object[] { "full", i, m.GetType().Name })
            .Concat(WireSamples.Sparse.Select((m, i) => new object[] { "sparse", i, m.GetType().Name }));

    /// <summary>MassTransit's default options, as every consumer has them (this process never changes them).</summary>
    private static JsonSerializerOptions Indented => SystemTextJsonMessageSerializer.Options;

    /// <summary>What the worker sets: ConfigureJsonSerializerOptions hands WireJson a copy of MassTransit's options.</summary>
    private static JsonSerializerOptions Compact => WireJson.Apply(new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options), compact: true);

    [Fact]
    public void Samples_CoverEveryPublishedType_FullWithoutNullsSparseWithRequiredMembersOnly()
    {
        var published = EventTypes.All.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(published, WireSamples.Full.Select(m => m.GetType().Name).Order(StringComparer.Ordinal));
        Assert.Equal(published, WireSamples.Sparse.Select(m => m.GetType().Name).Distinct().Order(StringComparer.Ordinal));
        Assert.All(WireSamples.Full, m => Assert.Empty(NullProperties(m, m.GetType().Name)));
        Assert.All(EventTypes.All, type => Assert.Contains(
            WireSamples.Sparse.Where(m => m.GetType() == type),
            m => ContractTypes.JsonProperties(type).Values.Where(ContractTypes.MayBeAbsent).All(p => p.GetValue(m) is null)));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void BothForms_ReadByMassTransitsDeserializer_ToTheRecordPublished(string set, int index, string type)
    {
        var message = Sample(set, index);
        Assert.Equal(type, message.GetType().Name);

        var (indented, compact) = Forms(message);
        var fromIndented = Read(message.GetType(), indented);
        var fromCompact = Read(message.GetType(), compact);

        Assert.Equal(CanonicalJson(message), CanonicalJson(fromIndented));
        Assert.Equal(CanonicalJson(message), CanonicalJson(fromCompact));
        Assert.Contains((byte)'\n', indented);
        Assert.DoesNotContain((byte)'\n', compact);
        Assert.True(compact.Length < indented.Length, $"compact {compact.Length} bytes, indented {indented.Length}");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void BothForms_CarryTheSameEnvelope(string set, int index, string type)
    {
        var message = Sample(set, index);
        var (indented, compact) = Forms(message);

        var fromIndented = Deserialize(indented);
        var fromCompact = Deserialize(compact);

        Assert.Equal(type, message.GetType().Name);
        Assert.Equal(fromIndented.MessageId, fromCompact.MessageId);
        Assert.NotNull(fromCompact.MessageId);
        Assert.Equal(fromIndented.ConversationId, fromCompact.ConversationId);
        Assert.Equal(fromIndented.SourceAddress, fromCompact.SourceAddress);
        Assert.Equal(fromIndented.DestinationAddress, fromCompact.DestinationAddress);
        Assert.Equal(fromIndented.SentTime, fromCompact.SentTime);
        Assert.Equal(fromIndented.SupportedMessageTypes, fromCompact.SupportedMessageTypes);
        Assert.Equal(fromIndented.Host.MachineName, fromCompact.Host.MachineName);
        Assert.Null(fromCompact.RequestId);
        Assert.Null(fromCompact.ResponseAddress);
        Assert.Null(fromCompact.FaultAddress);
        Assert.Null(fromCompact.ExpirationTime);
        Assert.Null(fromCompact.InitiatorId);
    }

    [Fact]
    public void Compact_LeavesOutTheNullsOfEnvelopeAndEvent_KeepsRequiredMembersAndDefaultedLists()
    {
        var sparse = WireSamples.Sparse.OfType<ChatMessageCreated>().First(m => m.Template is not null);

        var forms = Forms(sparse);
        using var indented = JsonDocument.Parse(forms.Indented);
        using var compact = JsonDocument.Parse(forms.Compact);

        Assert.Equal(JsonValueKind.Null, indented.RootElement.GetProperty("requestId").ValueKind);
        Assert.Equal(JsonValueKind.Null, indented.RootElement.GetProperty("message").GetProperty("emoji").ValueKind);
        Assert.Empty(NullsIn(compact.RootElement, "$"));
        Assert.False(compact.RootElement.TryGetProperty("requestId", out _));
        var message = compact.RootElement.GetProperty("message");
        Assert.False(message.TryGetProperty("emoji", out _));
        Assert.False(message.TryGetProperty("messageId", out _));
        Assert.Equal(sparse.EventId, message.GetProperty("eventId").GetGuid());
        Assert.Equal((int)ChatDirection.System, message.GetProperty("direction").GetInt32());
        Assert.Empty(message.GetProperty("media").EnumerateObject());
        var component = message.GetProperty("template").GetProperty("components")[0];
        Assert.Equal(JsonValueKind.Array, component.GetProperty("buttons")[0].GetProperty("example").ValueKind);
        Assert.Equal(JsonValueKind.Array, component.GetProperty("example").GetProperty("bodyText").ValueKind);
    }

    [Fact]
    public void Compact_RequiredMemberHoldingNull_IsWrittenAsNullAndReadTheSameAsBefore()
    {
        // A required member is never left out: System.Text.Json refuses a message without it.
        var odd = new ChatMessageStatusChanged { EventId = Guid.NewGuid(), TenantId = "t", Channel = 2, RecordId = "r", OccurredAt = DateTimeOffset.UnixEpoch, Version = 1, Status = null! };

        var (indented, compact) = Forms(odd);

        using var json = JsonDocument.Parse(compact);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("message").GetProperty("status").ValueKind);
        Assert.Null(((ChatMessageStatusChanged)Read(odd.GetType(), compact)).Status);
        Assert.Equal(CanonicalJson(Read(odd.GetType(), indented)), CanonicalJson(Read(odd.GetType(), compact)));
    }

    [Theory]
    [MemberData(nameof(ContractTypes.AllData), MemberType = typeof(ContractTypes))]
    public void Compact_OmitsANull_ExactlyForOptionalNullableProperties(string typeName)
    {
        // The rule docs/asyncapi.yaml's required lists follow (see AsyncApiDriftTests).
        var type = ContractTypes.Named(typeName);
        if (type.IsEnum || type.IsAbstract)
        {
            return;
        }

        var info = Compact.GetTypeInfo(type);
        var owner = info.CreateObject!();
        var omitted = info.Properties.Where(p => p.ShouldSerialize?.Invoke(owner, null) == false).Select(p => p.Name).Order(StringComparer.Ordinal);
        var expected = ContractTypes.JsonProperties(type).Where(p => ContractTypes.MayBeAbsent(p.Value)).Select(p => p.Key).Order(StringComparer.Ordinal);

        Assert.Equal(expected, omitted);
    }

    [Fact]
    public void Apply_EitherFormTwice_ChangesNothingMore_AndIndentedIsMassTransitsOwn()
    {
        var message = WireSamples.Sparse[0];
        var compactTwice = WireJson.Apply(Compact, compact: true);
        var backToIndented = WireJson.Apply(new JsonSerializerOptions(Compact), compact: false);

        var bodies = Serialize(message, Compact, compactTwice, Indented, backToIndented);

        Assert.Equal(bodies[0], bodies[1]);
        Assert.Equal(bodies[2], bodies[3]);
        Assert.Same(Indented.TypeInfoResolver, backToIndented.TypeInfoResolver);
    }

    private static (byte[] Indented, byte[] Compact) Forms(object message) =>
        Serialize(message, Indented, Compact) is [var indented, var compact] ? (indented, compact) : throw new InvalidOperationException();

    private static object Sample(string set, int index) => (set == "full" ? WireSamples.Full : WireSamples.Sparse)[index];

    // One send context for every form, so they carry the same ids and sent time.
    private static byte[][] Serialize(object message, params JsonSerializerOptions[] forms) =>
        (byte[][])SerializeOfT.MakeGenericMethod(message.GetType()).Invoke(null, [message, forms])!;

    private static byte[][] SerializeAs<T>(T message, JsonSerializerOptions[] forms)
        where T : class
    {
        var id = (Guid)typeof(T).GetProperty(nameof(ChatMessageEvent.EventId))!.GetValue(message)!;
        var context = new MessageSendContext<T>(message)
        {
            MessageId = id,
            CorrelationId = id,
            ConversationId = new Guid("11111111-2222-3333-4444-555555555555"),
            SourceAddress = Source,
            DestinationAddress = new Uri($"rabbitmq://localhost/wire/{typeof(T).Namespace}:{typeof(T).Name}"),
        };
        return [.. forms.Select(options => new SystemTextJsonMessageBody<T>(context, options).GetBytes())];
    }

    private static SerializerContext Deserialize(byte[] body) =>
        SystemTextJsonMessageSerializer.Instance.Deserialize(new BytesMessageBody(body), EmptyHeaders.Instance, Source);

    // As a consumer of T gets its message: the serializer context's TryGetMessage<T>.
    private static object Read(Type type, byte[] body) =>
        ReadOfT.MakeGenericMethod(type).Invoke(null, [body])!;

    private static T ReadAs<T>(byte[] body)
        where T : class
    {
        Assert.True(Deserialize(body).TryGetMessage<T>(out var message), $"{typeof(T).Name} not read from {Encoding.UTF8.GetString(body)}");
        return message!;
    }

    private static string CanonicalJson(object message) => JsonSerializer.Serialize(message, message.GetType(), Canonical);

    private static List<string> NullProperties(object? value, string path)
    {
        var nulls = new List<string>();
        switch (value)
        {
            case null:
                nulls.Add(path);
                break;
            case string or Guid or DateTimeOffset or Enum or ValueType:
                break;
            case System.Collections.IEnumerable items:
                var i = 0;
                foreach (var item in items)
                {
                    nulls.AddRange(NullProperties(item, $"{path}[{i++}]"));
                }

                if (i == 0)
                {
                    nulls.Add($"{path} (empty)");
                }

                break;
            default:
                foreach (var property in value.GetType().GetProperties())
                {
                    nulls.AddRange(NullProperties(property.GetValue(value), $"{path}.{property.Name}"));
                }

                break;
        }

        return nulls;
    }

    private static List<string> NullsIn(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Null => [path],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => NullsIn(p.Value, $"{path}.{p.Name}")).ToList(),
        JsonValueKind.Array => element.EnumerateArray().SelectMany((e, i) => NullsIn(e, $"{path}[{i}]")).ToList(),
        _ => [],
    };
}
