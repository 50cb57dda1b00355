using Streamer.Worker.Cli;

namespace Streamer.Tests.Cli;

public sealed class SettingArgumentsTests
{
    private static readonly string[] Commands = ["run", "check", "backfill", "tail", "state"];

    [Theory]
    [InlineData("--Polling:Interval=00:00:05")]
    [InlineData("--Polling:Interval", "00:00:05")]
    [InlineData("/Polling:Interval=00:00:05")]
    [InlineData("/Polling:Interval", "00:00:05")]
    [InlineData("Polling:Interval=00:00:05")]
    [InlineData("--Accounts:0:Name=sales", "--Accounts:0:TimeZone", "Asia/Shanghai", "State:Path=a.db")]
    public void Problems_Settings_None(params string[] tokens) => Assert.Empty(SettingArguments.Problems(tokens, Commands));

    [Theory]
    [InlineData("stat", "'stat' is not a command; did you mean 'state'?")]
    [InlineData("chek", "'chek' is not a command; did you mean 'check'?")]
    [InlineData("Backfil", "'Backfil' is not a command; did you mean 'backfill'?")]
    [InlineData("deploy", "'deploy' is not a command (commands: run, check, backfill, tail, state); give settings as --Section:Key=value.")]
    [InlineData("--verbose", "'--verbose' is not an option, and as a setting it has no value: give settings as --Section:Key=value.")]
    [InlineData("-q", "'-q' is not an option; give settings as --Section:Key=value.")]
    public void Problems_NotASetting_NamesItOnce(string token, string problem) =>
        Assert.Equal([problem], SettingArguments.Problems(["--Health:Port=0", token], Commands));

    [Fact]
    public void Problems_ValueOfASetting_IsNotTakenForACommand() =>
        Assert.Empty(SettingArguments.Problems(["--Polling:FilterOn", "state"], Commands));
}
