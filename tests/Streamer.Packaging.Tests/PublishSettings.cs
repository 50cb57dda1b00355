using System.Diagnostics;
using System.Text.Json;

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
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Streamer.Testing.RepositoryRoot.Find(),
        };
        foreach (var argument in (string[])["msbuild", project, "-getProperty:SelfContained", "-getProperty:RuntimeIdentifier", "-p:_IsPublishing=true", .. properties.Select(p => $"-p:{p}")])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), $"dotnet msbuild {project} did not finish");
        Assert.True(process.ExitCode == 0, $"dotnet msbuild {project} exited with {process.ExitCode}: {output}{error.Result}");
        var values = JsonDocument.Parse(output).RootElement.GetProperty("Properties");
        return new PublishSettings(
            string.Equals(values.GetProperty("SelfContained").GetString(), "true", StringComparison.OrdinalIgnoreCase),
            values.GetProperty("RuntimeIdentifier").GetString() ?? "");
    }
}
