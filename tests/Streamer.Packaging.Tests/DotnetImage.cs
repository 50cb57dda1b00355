using System.Globalization;

namespace Streamer.Packaging.Tests;

/// <summary>What a Microsoft .NET container image carries: the shared frameworks of its repository, at its tag's version.</summary>
public sealed record DotnetImage(string Repository, Version Version, IReadOnlySet<string> Frameworks)
{
    private const string Prefix = "mcr.microsoft.com/dotnet/";

    // The documented content of each image repository (https://github.com/dotnet/dotnet-docker).
    private static readonly Dictionary<string, string[]> Carried = new(StringComparer.Ordinal)
    {
        ["runtime-deps"] = [],
        ["runtime"] = ["Microsoft.NETCore.App"],
        ["aspnet"] = ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"],
        ["sdk"] = ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"],
    };

    /// <summary>Reads an image reference such as <c>mcr.microsoft.com/dotnet/aspnet:10.0</c>; null for any other image.</summary>
    public static DotnetImage? Parse(string image)
    {
        var colon = image.IndexOf(':', StringComparison.Ordinal);
        if (!image.StartsWith(Prefix, StringComparison.Ordinal) || colon < 0)
        {
            return null;
        }

        var repository = image[Prefix.Length..colon];
        var tag = image[(colon + 1)..].Split('-')[0];
        return Carried.TryGetValue(repository, out var frameworks) && Version.TryParse(tag, out var version)
            ? new DotnetImage(repository, version, frameworks.ToHashSet(StringComparer.Ordinal))
            : null;
    }

    /// <summary>
    /// Why an app needing <paramref name="required"/> cannot start on this image, or nothing when it can: each
    /// framework must be in the image at the same major version, and at least the minor one asked for.
    /// </summary>
    public IEnumerable<string> Missing(IEnumerable<RuntimeFramework> required)
    {
        foreach (var framework in required)
        {
            if (!Frameworks.Contains(framework.Name))
            {
                yield return $"{framework.Name} {framework.Version} is not in the {Repository} image";
            }
            else if (Version.Major != framework.Version.Major || Version.Minor < framework.Version.Minor)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"{framework.Name} {framework.Version} does not run on the {Repository}:{Version} image");
            }
        }
    }
}
