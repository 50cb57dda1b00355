using System.Reflection;
using YamlDotNet.RepresentationModel;

namespace Streamer.Contracts.Tests;

/// <summary>
/// One short text for the JSON shape of a property, computed both from the .NET type and from its schema in
/// docs/asyncapi.yaml, so a mismatch reads like "int64 vs int32?". A trailing ? means null is allowed.
/// </summary>
public static class SchemaShape
{
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>The shape MassTransit's System.Text.Json serializer gives a property.</summary>
    public static string Of(PropertyInfo property) => Of(Nullability.Create(property));

    /// <summary>The shape a property's schema describes.</summary>
    public static string Of(YamlMappingNode schema)
    {
        if (AsyncApiDocument.Text(schema, "$ref") is { } reference)
        {
            return "ref:" + reference[(reference.LastIndexOf('/') + 1)..];
        }

        if (AsyncApiDocument.Sequence(schema, "oneOf") is { } oneOf)
        {
            var parts = oneOf.Children.OfType<YamlMappingNode>().ToList();
            var nonNull = parts.Where(p => AsyncApiDocument.Text(p, "type") != "null").Select(Of).ToList();
            return nonNull.Count == 1 && parts.Count == 2 ? nonNull[0] + "?" : "oneOf:" + string.Join('|', parts.Select(Of));
        }

        var types = AsyncApiDocument.Sequence(schema, "type") is { } list
            ? AsyncApiDocument.Scalars(list).ToList()
            : [AsyncApiDocument.Text(schema, "type") ?? "(no type)"];
        var nullable = types.Remove("null");
        var type = types.Count == 1 ? types[0] : string.Join('|', types);
        var shape = type switch
        {
            "array" => $"array<{Of(AsyncApiDocument.Map(schema, "items"))}>",
            "string" or "integer" => AsyncApiDocument.Text(schema, "format") ?? type,
            _ => type,
        };
        return nullable ? shape + "?" : shape;
    }

    private static string Of(NullabilityInfo info)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        var nullable = info.ReadState == NullabilityState.Nullable || Nullable.GetUnderlyingType(info.Type) is not null;
        string shape;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            shape = $"array<{Of(info.GenericTypeArguments[0])}>";
        }
        else
        {
            shape = type switch
            {
                _ when type == typeof(string) => "string",
                _ when type == typeof(Guid) => "uuid",
                _ when type == typeof(DateTimeOffset) => "date-time",
                _ when type == typeof(int) => "int32",
                _ when type == typeof(long) => "int64",
                _ when type == typeof(bool) => "boolean",
                _ when type.Assembly == typeof(ChatMessageEvent).Assembly => "ref:" + type.Name,
                _ => "unmapped:" + type.FullName,
            };
        }

        return nullable ? shape + "?" : shape;
    }
}
