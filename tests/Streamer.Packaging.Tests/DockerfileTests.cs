namespace Streamer.Packaging.Tests;

/// <summary>
/// No Docker engine runs here, so each Dockerfile is checked against the app it packages: the runtime image
/// carries the app's frameworks, the app runs as a non-root user, the restore has a layer of its own, and an
/// app that listens exposes and health-checks its port.
/// </summary>
public sealed class DockerfileTests
{
    // The files a restore needs; anything else copied before it would void the restore layer on every change.
    private static readonly string[] RestoreInputs = ["*.csproj", "packages.lock.json", "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig", "BannedSymbols.txt", "nuget.config"];

    public static TheoryData<string> Dockerfiles => [.. ImageApp.All.Select(a => a.Dockerfile.Path)];

    [Fact]
    public void Dockerfiles_OfEveryApp_AreFound()
    {
        // The worker, the simulator and the two samples; a smaller count means the search broke, not that all passed.
        Assert.True(ImageApp.All.Count >= 4, $"found only {string.Join(", ", ImageApp.All)}");
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void RuntimeImage_OfEachDockerfile_CarriesTheAppsFrameworks(string path)
    {
        var app = Get(path);

        Assert.Empty(FrameworkProblems(app.Dockerfile, app));
    }

    [Fact]
    public void RuntimeImage_FrameworkDependentWorkerOnTheRuntimeImage_IsRejected()
    {
        // The worker's Dockerfile as it was before issue 16 (dotnet/runtime lacks ASP.NET Core): the check must see it.
        var worker = ImageApp.All.Single(a => a.Dockerfile.EntryAssembly == "streamer.dll");
        var text = File.ReadAllText(Path.Combine(Streamer.Testing.RepositoryRoot.Find(), worker.Dockerfile.Path))
            .Replace($"FROM {worker.Dockerfile.BaseImage}", "FROM mcr.microsoft.com/dotnet/runtime:10.0", StringComparison.Ordinal)
            .Replace("ENTRYPOINT [\"./streamer\"]", "ENTRYPOINT [\"dotnet\", \"streamer.dll\"]", StringComparison.Ordinal);
        var old = Dockerfile.Parse(worker.Dockerfile.Path, text);

        var problem = Assert.Single(FrameworkProblems(old, worker));
        Assert.Contains("Microsoft.AspNetCore.App", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RuntimeImage_AppHostOfAFrameworkDependentPublish_IsRejected()
    {
        // The image runs the worker's own host on runtime-deps: a publish that is not self-contained has no runtime there.
        var worker = ImageApp.All.Single(a => a.Dockerfile.EntryAssembly == "streamer.dll");
        Assert.True(worker.Dockerfile.RunsAppHost);
        var text = File.ReadAllText(Path.Combine(Streamer.Testing.RepositoryRoot.Find(), worker.Dockerfile.Path));
        var frameworkDependent = Dockerfile.Parse(worker.Dockerfile.Path, text.Replace(" -o /app", " --no-self-contained -o /app", StringComparison.Ordinal));
        Assert.Contains("SelfContained=false", frameworkDependent.PublishProperties);

        var problem = Assert.Single(FrameworkProblems(frameworkDependent, worker));
        Assert.Contains("does not publish self-contained", problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void RuntimeStage_OfEachDockerfile_RunsAsTheNonRootAppUser(string path)
    {
        var user = Get(path).Dockerfile.User;

        // $APP_UID is the .NET images' non-root "app" user (uid 1654).
        Assert.True(user is "$APP_UID" or "${APP_UID}" or "app", $"{path}: the runtime stage runs as {user ?? "root"}, not the app user.");
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void BuildStage_OfEachDockerfile_RestoresFromProjectFilesBeforeCopyingSource(string path)
    {
        var instructions = Get(path).Dockerfile.Instructions;
        var restore = instructions.ToList().FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        Assert.True(restore >= 0, $"{path}: no separate `dotnet restore` step.");

        var copiedBefore = instructions.Take(restore).Where(i => i.Keyword == "COPY").SelectMany(Sources).ToList();
        var source = copiedBefore.Where(s => !RestoreInputs.Any(pattern => Matches(Path.GetFileName(s), pattern))).ToList();
        Assert.True(source.Count == 0, $"{path}: copied before the restore, so every change to them restores again: {string.Join(", ", source)}");
        Assert.Contains("--locked-mode", instructions[restore].Arguments, StringComparison.Ordinal);

        var publish = instructions.Single(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains("--no-restore", publish.Arguments, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void RuntimeStage_OfAListeningApp_ExposesAndHealthChecksItsPort(string path)
    {
        var app = Get(path);
        if (app.Port() is not { } port)
        {
            // The samples consume from the broker and listen on nothing: nothing to expose or probe.
            Assert.Empty(app.Dockerfile.ExposedPorts);
            return;
        }

        Assert.Contains(port, app.Dockerfile.ExposedPorts);
        var check = app.Dockerfile.HealthcheckCommand;
        Assert.NotNull(check);

        // The probe takes the port from the variable the app reads, so a changed port moves both.
        Assert.Contains(app.PortVariable!, string.Join(' ', check), StringComparison.Ordinal);
    }

    private static ImageApp Get(string path) => ImageApp.All.Single(a => a.Dockerfile.Path == path);

    // An app started by its own host must be published self-contained (it then needs no framework in the image);
    // one started by `dotnet` needs its frameworks there.
    private static List<string> FrameworkProblems(Dockerfile dockerfile, ImageApp app)
    {
        var image = DotnetImage.Parse(dockerfile.BaseImage);
        if (image is null)
        {
            return [$"{dockerfile.Path}: {dockerfile.BaseImage} is not a .NET image this check knows"];
        }

        if (!dockerfile.RunsAppHost)
        {
            return image.Missing(app.Frameworks).Select(p => $"{dockerfile.Path}: {p}").ToList();
        }

        var publish = PublishSettings.Of(dockerfile.PublishedProject, [.. dockerfile.PublishProperties]);
        return publish.SelfContained && publish.RuntimeIdentifier.Length > 0
            ? []
            : [$"{dockerfile.Path}: the entry point runs the app host, but {dockerfile.PublishedProject} does not publish self-contained"];
    }

    private static IEnumerable<string> Sources(DockerInstruction copy)
    {
        var words = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        return words.Take(words.Count - 1);
    }

    private static bool Matches(string name, string pattern) =>
        pattern.StartsWith('*') ? name.EndsWith(pattern[1..], StringComparison.Ordinal) : name == pattern;
}
