using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MassTransit;

namespace Streamer.Worker.Publishing;

/// <summary>
/// How events are written on the wire (<c>Rabbit:CompactJson</c>). MassTransit's System.Text.Json serializer
/// writes its envelope indented with every null property (about 2.4 KB per <c>ChatMessageCreated</c>); compact
/// leaves out the indentation and each null property whose absence a consumer reads the same way: a property
/// that is not a C# <c>required</c> member (System.Text.Json refuses a message without one) and that a newly
/// created instance holds as null (a list that starts as <c>[]</c> keeps an explicit null). The envelope,
/// the camelCase names, the numeric enums and the content type stay MassTransit's, so any MassTransit consumer
/// built on Streamer.Contracts reads both forms to the same records.
/// </summary>
/// <remarks>
/// MassTransit keeps one set of serializer options per process (<c>SystemTextJsonMessageSerializer.Options</c>);
/// <see cref="Configure"/> replaces them, so every bus of the process writes the form the last configured
/// bus asked for. The worker has one bus.
/// </remarks>
public static class WireJson
{
    /// <summary>Sets MassTransit's serializer to the compact form, or back to its own default (indented, nulls written).</summary>
    public static void Configure(IBusFactoryConfigurator bus, bool compact) =>
        bus.ConfigureJsonSerializerOptions(options => Apply(options, compact));

    /// <summary>
    /// <paramref name="options"/> (MassTransit's, or a copy of them) made compact or indented; returns the same
    /// instance, changed. Applying either form twice changes nothing more.
    /// </summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options, bool compact)
    {
        var inner = options.TypeInfoResolver is OmitNullsResolver omitting ? omitting.Inner : options.TypeInfoResolver;
        options.WriteIndented = !compact;
        options.TypeInfoResolver = compact && inner is not null ? new OmitNullsResolver(inner) : inner;
        return options;
    }

    // A null is left out when a consumer reading the message without the property gets null too: the property
    // is not a required member (System.Text.Json refuses a message without one) and a new instance holds null.
    private static bool OmitsNull(JsonPropertyInfo property, object fresh) =>
        !property.IsRequired && !property.IsExtensionData && property.Get is not null && CanBeNull(property.PropertyType) &&
        property.Get(fresh) is null;

    private static bool CanBeNull(Type type) => !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;

    // Types without a parameterless constructor are read through another one: their missing properties are
    // not known to read as null, so their nulls are written.
    private static object? NewInstance(JsonTypeInfo type)
    {
        if (type.CreateObject is null)
        {
            return null;
        }

        try
        {
            return type.CreateObject();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>MassTransit's resolver with the null properties that read the same when missing left out.</summary>
    private sealed class OmitNullsResolver(IJsonTypeInfoResolver inner) : IJsonTypeInfoResolver
    {
        public IJsonTypeInfoResolver Inner { get; } = inner;

        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
        {
            var info = Inner.GetTypeInfo(type, options);
            if (info is not { Kind: JsonTypeInfoKind.Object } || NewInstance(info) is not { } fresh)
            {
                return info;
            }

            foreach (var property in info.Properties)
            {
                if (OmitsNull(property, fresh))
                {
                    var shouldSerialize = property.ShouldSerialize;
                    property.ShouldSerialize = shouldSerialize is null
                        ? static (_, value) => value is not null
                        : (owner, value) => value is not null && shouldSerialize(owner, value);
                }
            }

            return info;
        }
    }
}
