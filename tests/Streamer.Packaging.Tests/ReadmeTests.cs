using System.Text.RegularExpressions;
using Streamer.Testing;

namespace Streamer.Packaging.Tests;

/// <summary>
/// README.md's settings table against the worker: every setting its options classes bind is listed, and every
/// variable listed is one it binds, so the table neither misses a setting nor keeps one that is gone.
/// </summary>
public sealed partial class ReadmeTests
{
    private const string WorkerDockerfile = "src/Streamer.Worker/Dockerfile";

    // Read by the worker's host before its options (StreamerHost), so no options class has them.
    private static readonly string[] HostVariables = ["ConfigFile"];

    [Fact]
    public void Settings_EveryWorkerSetting_IsInTheReadmeTable()
    {
        var listed = ListedVariables();
        var settings = Worker().Settings.Variables().Concat(HostVariables).ToList();

        var missing = settings.Where(v => !listed.Contains(v)).ToList();

        Assert.True(settings.Count > 50, $"only {settings.Count} settings found in the worker's options classes.");
        Assert.True(missing.Count == 0, $"README.md's settings table does not list: {string.Join(", ", missing)}.");
    }

    [Fact]
    public void Settings_EveryVariableOfTheReadmeTable_IsAWorkerSetting()
    {
        var settings = Worker().Settings;

        var unknown = ListedVariables()
            .Where(v => !AppSettings.IsFrameworkVariable(v) && !HostVariables.Contains(v) && !settings.Binds(v))
            .ToList();

        Assert.True(unknown.Count == 0, $"README.md's settings table lists variables the worker does not read: {string.Join(", ", unknown)}.");
    }

    private static ImageApp Worker() => ImageApp.All.Single(a => a.Dockerfile.Path == WorkerDockerfile);

    // The first cell of each row of the table under "### Settings": every `Variable` in it.
    private static HashSet<string> ListedVariables()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), "README.md"));
        var start = Array.FindIndex(lines, l => l.Trim() == "### Settings");
        Assert.True(start >= 0, "README.md has no '### Settings' section.");
        var rows = lines.Skip(start + 1).TakeWhile(l => !l.StartsWith('#')).Where(l => l.StartsWith("| `", StringComparison.Ordinal));
        var variables = rows
            .SelectMany(row => Variable().Matches(row.Split('|')[1]).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(variables);
        return variables;
    }

    [GeneratedRegex("`([A-Za-z][A-Za-z0-9_]*)`")]
    private static partial Regex Variable();
}
