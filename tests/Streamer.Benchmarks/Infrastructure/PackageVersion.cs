using System.Reflection;

namespace Streamer.Benchmarks.Infrastructure;

/// <summary>The package version of an assembly (its assembly version is often pinned, e.g. RabbitMQ.Client 7.2.2 says 7.0.0.0).</summary>
public static class PackageVersion
{
    /// <summary>The informational version of the assembly that defines <paramref name="type"/>, without the commit suffix.</summary>
    public static string Of(Type type)
    {
        var assembly = type.Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString(3) ?? "?";
    }
}
