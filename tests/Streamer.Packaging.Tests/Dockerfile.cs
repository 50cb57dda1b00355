using System.Text.Json;
using System.Text.RegularExpressions;

namespace Streamer.Packaging.Tests;

/// <summary>
/// A Dockerfile read the way the builder reads it (continuation lines joined, comments dropped), reduced to what
/// the tests check: the instructions of the build and of the final (runtime) stage.
/// </summary>
public sealed partial class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<DockerInstruction> instructions)
    {
        Path = path;
        Instructions = instructions;
        var lastFrom = instructions.Select((i, n) => (i, n)).Last(x => x.i.Keyword == "FROM").n;
        Final = instructions.Skip(lastFrom).ToList();
    }

    /// <summary>Path relative to the repository root.</summary>
    public string Path { get; }

    /// <summary>Every instruction, in order.</summary>
    public IReadOnlyList<DockerInstruction> Instructions { get; }

    /// <summary>The instructions of the last stage, the image that runs.</summary>
    public IReadOnlyList<DockerInstruction> Final { get; }

    /// <summary>The runtime stage's base image, e.g. <c>mcr.microsoft.com/dotnet/aspnet:10.0</c>.</summary>
    public string BaseImage => Final[0].Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];

    /// <summary>
    /// The assembly the entry point runs: <c>X.dll</c> of <c>ENTRYPOINT ["dotnet", "X.dll"]</c>, or of an app host
    /// started directly (<c>ENTRYPOINT ["./X"]</c>, a self-contained app).
    /// </summary>
    public string EntryAssembly => RunsAppHost
        ? System.IO.Path.GetFileName(ExecForm(Single("ENTRYPOINT").Arguments)[0]) + ".dll"
        : ExecForm(Single("ENTRYPOINT").Arguments).Single(a => a.EndsWith(".dll", StringComparison.Ordinal));

    /// <summary>Whether the entry point starts the app's own host (a self-contained app) rather than <c>dotnet</c>.</summary>
    public bool RunsAppHost => System.IO.Path.GetFileName(ExecForm(Single("ENTRYPOINT").Arguments)[0]) != "dotnet";

    /// <summary>The project the build stage publishes (<c>RUN dotnet publish X.csproj ...</c>).</summary>
    public string PublishedProject => PublishWords.Single(a => a.EndsWith(".csproj", StringComparison.Ordinal));

    /// <summary>
    /// The MSBuild properties the build stage's <c>dotnet publish</c> sets (<c>-p:</c>, <c>-c</c>, <c>-r</c>,
    /// <c>--self-contained</c>, <c>--no-self-contained</c>), as <c>Name=Value</c>.
    /// </summary>
    public IReadOnlyList<string> PublishProperties
    {
        get
        {
            var words = PublishWords;
            var properties = new List<string>();
            for (var i = 0; i < words.Count; i++)
            {
                var next = i + 1 < words.Count ? words[i + 1] : "";
                switch (words[i])
                {
                    case var w when w.StartsWith("-p:", StringComparison.Ordinal) || w.StartsWith("/p:", StringComparison.Ordinal):
                        properties.Add(w[3..]);
                        break;
                    case var w when w.StartsWith("--property:", StringComparison.Ordinal):
                        properties.Add(w["--property:".Length..]);
                        break;
                    case "-c" or "--configuration":
                        properties.Add($"Configuration={next}");
                        break;
                    case "-r" or "--runtime":
                        properties.Add($"RuntimeIdentifier={next}");
                        break;
                    case "--self-contained":
                        properties.Add($"SelfContained={(next is "false" ? "false" : "true")}");
                        break;
                    case "--no-self-contained":
                        properties.Add("SelfContained=false");
                        break;
                }
            }

            return properties;
        }
    }

    private List<string> PublishWords =>
        [.. Instructions.Single(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal))
            .Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The user of the runtime stage (its last <c>USER</c>), or null when it runs as the base image's (root).</summary>
    public string? User => Final.LastOrDefault(i => i.Keyword == "USER")?.Arguments;

    /// <summary>The ports the runtime stage exposes.</summary>
    public IReadOnlyList<int> ExposedPorts => Final.Where(i => i.Keyword == "EXPOSE")
        .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(p => int.Parse(p.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>The environment the runtime stage sets (<c>ENV A=b C=d</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment => Final.Where(i => i.Keyword == "ENV")
        .SelectMany(i => EnvPair().Matches(i.Arguments))
        .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value.Trim('"'), StringComparer.Ordinal);

    /// <summary>The command of the runtime stage's <c>HEALTHCHECK</c> (exec form), or null when it has none.</summary>
    public IReadOnlyList<string>? HealthcheckCommand
    {
        get
        {
            var check = Final.LastOrDefault(i => i.Keyword == "HEALTHCHECK");
            if (check is null || check.Arguments.Trim() == "NONE")
            {
                return null;
            }

            var cmd = check.Arguments.IndexOf("CMD ", StringComparison.Ordinal);
            return ExecForm(check.Arguments[(cmd + 4)..]);
        }
    }

    /// <summary>Reads the Dockerfile at <paramref name="relativePath"/> under <paramref name="root"/>.</summary>
    public static Dockerfile Load(string root, string relativePath) =>
        Parse(relativePath, File.ReadAllText(System.IO.Path.Combine(root, relativePath)));

    /// <summary>Parses Dockerfile text.</summary>
    public static Dockerfile Parse(string path, string text)
    {
        var instructions = new List<DockerInstruction>();
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var whole = (pending + line).Trim();
            pending = "";
            if (whole.Length == 0)
            {
                continue;
            }

            var space = whole.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add(new DockerInstruction(whole[..space].ToUpperInvariant(), whole[(space + 1)..].Trim()));
        }

        return new Dockerfile(path, instructions);
    }

    /// <inheritdoc />
    public override string ToString() => Path;

    private DockerInstruction Single(string keyword) => Final.Last(i => i.Keyword == keyword);

    // Exec form only: a shell-form entry point or health check would run under /bin/sh and lose signals.
    private static List<string> ExecForm(string arguments) =>
        JsonSerializer.Deserialize<List<string>>(arguments.Trim())
        ?? throw new InvalidOperationException($"Not an exec form: {arguments}");

    [GeneratedRegex("""(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>"[^"]*"|\S+)""")]
    private static partial Regex EnvPair();
}
