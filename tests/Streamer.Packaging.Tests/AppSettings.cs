using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;

namespace Streamer.Packaging.Tests;

/// <summary>
/// The settings an app reads, found by reflection on its options classes (each with a <c>SectionName</c>
/// constant), so an environment variable can be checked against the property it binds to.
/// </summary>
public sealed class AppSettings
{
    // Read by the host and the frameworks, not by an options class of the app.
    private static readonly string[] FrameworkPrefixes = ["ASPNETCORE_", "DOTNET_", "Logging__", "OTEL_"];

    // One section may be bound by several options classes (State: StateOptions and SecretKeyOptions).
    private readonly Dictionary<string, Type[]> sections;

    private AppSettings(Assembly assembly)
    {
        Assembly = assembly;
        sections = assembly.GetTypes()
            .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .GroupBy(x => (string)x.Field!.GetRawConstantValue()!, x => x.Type, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The app's assembly.</summary>
    public Assembly Assembly { get; }

    /// <summary>The configuration sections the app binds.</summary>
    public IReadOnlyCollection<string> Sections => sections.Keys;

    /// <summary>The settings of the app whose entry assembly (in the test's output folder) is <paramref name="assemblyFile"/>.</summary>
    public static AppSettings Of(string assemblyFile) =>
        new(Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, assemblyFile)));

    /// <summary>Whether a variable is one the host or a framework reads rather than the app's options.</summary>
    public static bool IsFrameworkVariable(string name) =>
        FrameworkPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>
    /// Why <paramref name="name"/>=<paramref name="value"/> is not a setting of the app (no such section or
    /// property, or a value its type cannot take), or null when it binds.
    /// </summary>
    public string? Problem(string name, string value)
    {
        var segments = name.Split("__");
        if (!sections.TryGetValue(segments[0], out var types))
        {
            return $"{name}: the app has no section {segments[0]} (it reads {string.Join(", ", sections.Keys.Order())})";
        }

        var problems = types.Select(t => Problem(t, name, segments, value)).ToList();
        return problems.Any(p => p is null) ? null : problems[0];
    }

    private static string? Problem(Type type, string name, string[] segments, string value)
    {
        foreach (var segment in segments.Skip(1))
        {
            var next = Step(type, segment);
            if (next is null)
            {
                return $"{name}: {type.Name} has no setting {segment}";
            }

            type = next;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || !IsScalar(type))
        {
            return null;
        }

        var converter = TypeDescriptor.GetConverter(type);
        try
        {
            converter.ConvertFromInvariantString(value);
            return null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return $"{name}: '{value}' is not a {type.Name}";
        }
    }

    /// <summary>The default of <paramref name="section"/>:<paramref name="property"/> (a new options object's value).</summary>
    public object? Default(string section, string property)
    {
        var type = sections[section].First(t => Step(t, property) is not null);
        return type.GetProperty(property, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)!.GetValue(Activator.CreateInstance(type));
    }

    /// <summary>Whether the app has <paramref name="section"/>:<paramref name="property"/>.</summary>
    public bool Has(string section, string property) =>
        sections.TryGetValue(section, out var types) && types.Any(t => Step(t, property) is not null);

    /// <summary>
    /// Every setting of the app as an environment variable, with <c>N</c> for a list index
    /// (<c>Accounts__N__Name</c>, <c>Rabbit__DeclareQueues__N</c>): each settable scalar property of each
    /// section's options, and a list's elements when a string converts to them.
    /// </summary>
    public IReadOnlyList<string> Variables() =>
        [.. sections.SelectMany(s => s.Value.SelectMany(t => Walk(s.Key, t, depth: 0))).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Whether a variable (<c>N</c> for an index) names a setting of the app, whatever its value.</summary>
    public bool Binds(string name)
    {
        var segments = name.Split("__").Select(s => s == "N" ? "0" : s).ToArray();
        return sections.TryGetValue(segments[0], out var types)
            && types.Any(t => segments.Skip(1).Aggregate((Type?)t, (at, segment) => at is null ? null : Step(at, segment)) is not null);
    }

    private static IEnumerable<string> Walk(string prefix, Type type, int depth)
    {
        // Options nest a few levels at most (Polling:Rescans:N:Horizon); deeper is a cycle.
        if (depth > 4)
        {
            yield break;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var name = property.Name == "Items" && Element(propertyType) is not null ? prefix : $"{prefix}__{property.Name}";
            if (propertyType == typeof(string) || IsScalar(propertyType))
            {
                if (property.CanWrite)
                {
                    yield return name;
                }

                continue;
            }

            if (Dictionary(propertyType) is not null)
            {
                yield return $"{name}__KEY";
                continue;
            }

            var element = Element(propertyType);

            // A get-only collection binds only when the binder can add to it (a List, not a computed IReadOnlyList).
            if (element is not null && !property.CanWrite && !typeof(System.Collections.IList).IsAssignableFrom(propertyType))
            {
                continue;
            }

            if (element is null)
            {
                foreach (var nested in Walk(name, propertyType, depth + 1))
                {
                    yield return nested;
                }

                continue;
            }

            var item = Nullable.GetUnderlyingType(element) ?? element;
            if (item == typeof(string) || IsScalar(item) || TypeDescriptor.GetConverter(item).CanConvertFrom(typeof(string)))
            {
                yield return $"{name}__N";
            }

            if (item != typeof(string) && !IsScalar(item))
            {
                foreach (var nested in Walk($"{name}__N", item, depth + 1))
                {
                    yield return nested;
                }
            }
        }
    }

    private static Type? Step(Type type, string segment)
    {
        var isIndex = int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _);
        if (Dictionary(type) is { } valueType)
        {
            return valueType;
        }

        if (Element(type) is { } elementType)
        {
            return isIndex ? elementType : null;
        }

        var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is not null)
        {
            return property.PropertyType;
        }

        // A section bound as a list (Accounts__0__Name) binds to the options' Items.
        return isIndex && type.GetProperty("Items") is { } items && Element(items.PropertyType) is { } item ? item : null;
    }

    private static Type? Dictionary(Type type) =>
        type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>) && i.GetGenericArguments()[0] == typeof(string))
            ?.GetGenericArguments()[1];

    private static Type? Element(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        return type.IsArray ? type.GetElementType()
            : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(DateTimeOffset)
        || type == typeof(DateTime) || type == typeof(Uri) || type == typeof(Guid);
}
