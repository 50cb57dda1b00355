using Streamer.Worker.Cli;

namespace Streamer.Tests.Cli;

public sealed class CommandSuggestionTests
{
    private static readonly string[] Commands = ["run", "check", "backfill", "tail", "state"];

    [Theory]
    [InlineData("stat", "state")]
    [InlineData("sate", "state")]
    [InlineData("STATE", "state")]
    [InlineData("chck", "check")]
    [InlineData("backfil", "backfill")]
    [InlineData("ru", "run")]
    [InlineData("tial", "tail")]
    public void Closest_Typo_TheCommandMeant(string word, string expected) => Assert.Equal(expected, CommandSuggestion.Closest(word, Commands));

    [Theory]
    [InlineData("deploy")]
    [InlineData("x")]
    [InlineData("statistics")]
    public void Closest_NothingClose_Null(string word) => Assert.Null(CommandSuggestion.Closest(word, Commands));
}
