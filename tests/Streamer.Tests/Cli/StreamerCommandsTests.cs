using System.CommandLine;
using Streamer.Worker.Cli;

namespace Streamer.Tests.Cli;

public sealed class StreamerCommandsTests
{
    // A command line that started the worker by mistake would run until stopped: fail instead of hanging.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task InvokeAsync_MistypedCommand_ExitsTwoWithSuggestionWithoutStarting()
    {
        var (exit, _, errors) = await InvokeAsync("stat");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("'stat' is not a command; did you mean 'state'?", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot start", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "stat")]
    [InlineData("check", "everything")]
    [InlineData("state", "sales")]
    [InlineData("--dry-run")]
    [InlineData("-v")]
    public async Task InvokeAsync_WordThatIsNoSetting_ExitsTwo(params string[] args)
    {
        var (exit, _, errors) = await InvokeAsync(args);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains($"streamer: '{args[^1]}' is not", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("run")]
    public async Task InvokeAsync_SettingArguments_StartTheWorkerWithThem(params string[] command)
    {
        // Every accepted form of a setting; the invalid broker URI makes the started worker stop at its validation.
        string[] args = [.. command, "--Rabbit:Uri=ftp://not-a-broker", "--Polling:Interval", "00:00:07", "Health:Port=0", "/State:Path=unused.db"];

        var (exit, _, errors) = await InvokeAsync(args);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("Streamer cannot start, the configuration is invalid:", errors, StringComparison.Ordinal);
        Assert.Contains("Rabbit:Uri must be an amqp:// or amqps:// URI", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("is not a command", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_MissingRequiredOption_ExitsTwo()
    {
        var (exit, _, errors) = await InvokeAsync("backfill", "--account", "sales");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--from", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_Help_ExitsZeroAndListsTheCommands()
    {
        var (exit, output, _) = await InvokeAsync("--help");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.All(["run", "check", "backfill", "tail", "state"], c => Assert.Contains($"  {c} ", output, StringComparison.Ordinal));
    }

    private static async Task<(int Exit, string Output, string Errors)> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await StreamerCommands.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = errors, ProcessTerminationTimeout = null }).WaitAsync(Deadline);
        return (exit, output.ToString(), errors.ToString());
    }
}
