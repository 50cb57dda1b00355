using System.Xml.Linq;
using Streamer.Testing;

namespace Streamer.Packaging.Tests;

/// <summary>
/// The samples can be copied out of the repository as they are: each project file names its framework and every
/// package version, takes the contracts as a package (not the repository's project), and its folder holds the
/// nuget.config that finds that package.
/// </summary>
public sealed class SampleProjectTests
{
    private static readonly string Root = RepositoryRoot.Find();

    public static TheoryData<string> Samples =>
    [
        .. Directory.EnumerateFiles(Path.Combine(Root, "samples"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal),
    ];

    [Fact]
    public void Samples_AreFound()
    {
        Assert.True(Samples.Count >= 2, "the two samples were not found under samples/.");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Project_OfEachSample_NeedsNothingFromTheRepository(string path)
    {
        var project = XDocument.Load(Path.Combine(Root, path));
        var properties = project.Descendants().Where(e => e.Parent?.Name.LocalName == "PropertyGroup").ToDictionary(e => e.Name.LocalName, e => e.Value, StringComparer.Ordinal);
        var packages = project.Descendants("PackageReference").ToList();

        Assert.Empty(project.Descendants("ProjectReference"));
        Assert.Empty(project.Descendants("Import"));
        Assert.True(properties.ContainsKey("TargetFramework"), $"{path} takes its framework from the repository.");
        Assert.Equal("enable", properties.GetValueOrDefault("Nullable"));
        Assert.Equal("enable", properties.GetValueOrDefault("ImplicitUsings"));
        Assert.All(packages, p => Assert.False(string.IsNullOrEmpty((string?)p.Attribute("Version")), $"{path}: {(string?)p.Attribute("Include")} has no version of its own."));
        Assert.Contains(packages, p => (string?)p.Attribute("Include") == "Streamer.Contracts");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void NugetConfig_OfEachSample_TakesTheContractsOnlyFromTheLocalFeed(string path)
    {
        var folder = Path.GetDirectoryName(Path.Combine(Root, path))!;
        var config = XDocument.Load(Path.Combine(folder, "nuget.config"));
        var sources = config.Descendants("packageSources").Elements("add").ToDictionary(e => (string)e.Attribute("key")!, e => (string)e.Attribute("value")!, StringComparer.Ordinal);
        var mapped = config.Descendants("packageSource")
            .Where(s => s.Elements("package").Any(p => (string?)p.Attribute("pattern") == "Streamer.Contracts"))
            .Select(s => (string)s.Attribute("key")!)
            .ToList();

        var source = Assert.Single(mapped);
        Assert.Equal(Path.Combine(Root, "artifacts", "feed"), Path.GetFullPath(Path.Combine(folder, sources[source])));
    }
}
