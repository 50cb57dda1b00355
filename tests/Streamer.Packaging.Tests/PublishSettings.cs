using System.Text.Json;
using Streamer.Testing;

namespace Streamer.Packaging.Tests;

/// <summary>
/// How <c>dotnet publish</c> builds a project, as MSBuild evaluates it for a publish (<c>_IsPublishing</c>, as the
/// CLI sets it) on this machine, a Linux one like the images' build stages: whether the app is self-contained, for
/// which platform.
/// </summary>
public sealed record PublishSettings(bool SelfContained, string RuntimeIdentifier)
{
    /// <summary>Evaluates <paramref name="project"/> (relative to the repository root) with <paramref name="properties"/> (<c>Name=Value</c>) set.</summary>
    public static PublishSettings Of(string project, params string[] properties)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var output = ProcessRunner.RunCheckedAsync(
            dotnet,
            ["msbuild", project, "-getProperty:SelfContained", "-getProperty:RuntimeIdentifier", "-p:_IsPublishing=true", .. properties.Select(p => $"-p:{p}")],
            TimeSpan.FromMinutes(2),
            RepositoryRoot.Find()).GetAwaiter().GetResult();
        var values = JsonDocument.Parse(output).RootElement.GetProperty("Properties");
        return new PublishSettings(
            string.Equals(values.GetProperty("SelfContained").GetString(), "true", StringComparison.OrdinalIgnoreCase),
            values.GetProperty("RuntimeIdentifier").GetString() ?? "");
    }
}
