using System.Text.Json;

namespace Streamer.Packaging.Tests;

/// <summary>A shared framework an app's <c>runtimeconfig.json</c> asks for.</summary>
public sealed record RuntimeFramework(string Name, Version Version)
{
    /// <summary>
    /// The frameworks of the app whose entry assembly is <paramref name="assembly"/>, from its runtimeconfig.json in
    /// the test's output (referenced apps are copied there with it, as <c>dotnet publish</c> writes it). A
    /// self-contained app asks for none.
    /// </summary>
    public static IReadOnlyList<RuntimeFramework> Of(string assembly)
    {
        var path = Path.Combine(AppContext.BaseDirectory, Path.ChangeExtension(assembly, ".runtimeconfig.json"));
        Assert.True(File.Exists(path), $"{path} is missing: reference the app's project from this test project.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var options = document.RootElement.GetProperty("runtimeOptions");
        if (options.TryGetProperty("includedFrameworks", out _))
        {
            return [];
        }

        var frameworks = options.TryGetProperty("frameworks", out var many) ? many.EnumerateArray().ToList()
            : options.TryGetProperty("framework", out var one) ? [one] : [];
        return frameworks.Select(f => new RuntimeFramework(f.GetProperty("name").GetString()!, Version.Parse(f.GetProperty("version").GetString()!))).ToList();
    }
}
