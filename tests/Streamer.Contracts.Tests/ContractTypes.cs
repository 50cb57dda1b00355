using System.Reflection;
using System.Text.Json;

namespace Streamer.Contracts.Tests;

/// <summary>The public types of Streamer.Contracts, as the tests see them.</summary>
public static class ContractTypes
{
    public static readonly IReadOnlyList<Type> All =
        [.. typeof(ChatMessageEvent).Assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal)];

    /// <summary>Types published on their own exchange: concrete, with an EventId.</summary>
    public static IEnumerable<Type> Published =>
        All.Where(t => !t.IsAbstract && !t.IsEnum && t.GetProperty(nameof(ChatMessageEvent.EventId)) is not null);

    public static IEnumerable<object[]> AllData => All.Select(t => new object[] { t.FullName! });

    public static IEnumerable<object[]> PublishedData => Published.Select(t => new object[] { t.FullName! });

    public static Type Named(string fullName) => All.Single(t => t.FullName == fullName);

    /// <summary>Public instance properties, inherited ones included, keyed by their JSON (camelCase) name.</summary>
    public static Dictionary<string, PropertyInfo> JsonProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), StringComparer.Ordinal);

    /// <summary>
    /// Whether a property may be missing from an event on the wire: the worker's compact JSON leaves out a null
    /// property unless it is a C# required member; only properties declared nullable can be null.
    /// </summary>
    public static bool MayBeAbsent(PropertyInfo property) =>
        property.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is null &&
        new NullabilityInfoContext().Create(property).ReadState == NullabilityState.Nullable;
}
