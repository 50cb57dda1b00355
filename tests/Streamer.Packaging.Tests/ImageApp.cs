using System.Globalization;
using Streamer.Testing;

namespace Streamer.Packaging.Tests;

/// <summary>A Dockerfile of the repository with the app it runs: that app's frameworks, settings and listening port.</summary>
public sealed class ImageApp
{
    /// <summary>The variable ASP.NET Core apps take their port from; the .NET images set it to 8080.</summary>
    public const string AspNetPortVariable = "ASPNETCORE_HTTP_PORTS";

    private const int AspNetImageDefaultPort = 8080;

    private static readonly Lazy<IReadOnlyList<ImageApp>> Found = new(() =>
    {
        var root = RepositoryRoot.Find();
        return new[] { "src", "samples" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "Dockerfile", SearchOption.AllDirectories))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => new ImageApp(Dockerfile.Load(root, Path.GetRelativePath(root, p).Replace('\\', '/'))))
            .OrderBy(a => a.Dockerfile.Path, StringComparer.Ordinal)
            .ToList();
    });

    private ImageApp(Dockerfile dockerfile)
    {
        Dockerfile = dockerfile;
        Frameworks = RuntimeFramework.Of(dockerfile.EntryAssembly);
        Settings = AppSettings.Of(dockerfile.EntryAssembly);
    }

    /// <summary>Every Dockerfile under src/ and samples/, with its app.</summary>
    public static IReadOnlyList<ImageApp> All => Found.Value;

    /// <summary>The Dockerfile.</summary>
    public Dockerfile Dockerfile { get; }

    /// <summary>The shared frameworks the app needs (its runtimeconfig.json).</summary>
    public IReadOnlyList<RuntimeFramework> Frameworks { get; }

    /// <summary>The settings the app reads.</summary>
    public AppSettings Settings { get; }

    /// <summary>
    /// The variable that sets the port the app listens on: <c>Health__Port</c> for an app with a health endpoint
    /// of its own, ASP.NET Core's for a web app; null for an app that listens on nothing.
    /// </summary>
    public string? PortVariable =>
        Settings.Has("Health", "Port") ? "Health__Port"
        : Frameworks.Any(f => f.Name == "Microsoft.AspNetCore.App") ? AspNetPortVariable
        : null;

    /// <summary>The port the app listens on with <paramref name="environment"/> over the image's, or null when it listens on nothing.</summary>
    public int? Port(IReadOnlyDictionary<string, string>? environment = null)
    {
        if (PortVariable is not { } variable)
        {
            return null;
        }

        var value = environment?.GetValueOrDefault(variable) ?? Dockerfile.Environment.GetValueOrDefault(variable);
        if (value is not null)
        {
            return int.Parse(value.Split(';')[0], CultureInfo.InvariantCulture);
        }

        return variable == AspNetPortVariable ? AspNetImageDefaultPort : Convert.ToInt32(Settings.Default("Health", "Port"), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public override string ToString() => Dockerfile.Path;
}
