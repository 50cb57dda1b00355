using System.CommandLine;

namespace Streamer.Worker.Cli;

/// <summary>
/// The commands that read settings accept the tokens they do not match as configuration (<c>--Section:Key=value</c>),
/// read by .NET's command line configuration provider. That provider silently ignores a bare word, so a mistyped
/// command (<c>streamer stat</c>) would start the worker. This walks the tokens as the provider does and names
/// each one it would ignore.
/// </summary>
public static class SettingArguments
{
    /// <summary>
    /// Writes the problems with the unmatched tokens of <paramref name="result"/> to <paramref name="errors"/>;
    /// true when there were any (the command then exits with <see cref="ExitCodes.Usage"/> without running).
    /// </summary>
    public static bool Reject(ParseResult result, TextWriter errors)
    {
        var commands = result.RootCommandResult.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        var problems = Problems(result.UnmatchedTokens, commands);
        foreach (var problem in problems)
        {
            errors.WriteLine($"streamer: {problem}");
        }

        if (problems.Count > 0)
        {
            errors.WriteLine("Run 'streamer --help' for the commands and 'streamer <command> --help' for their options.");
        }

        return problems.Count > 0;
    }

    /// <summary>The problems with <paramref name="tokens"/>, one sentence each; empty when every token is a setting.</summary>
    /// <param name="tokens">The tokens no option or argument of the command matched.</param>
    /// <param name="commands">The command names, for a suggestion when a bare word is close to one.</param>
    public static IReadOnlyList<string> Problems(IReadOnlyList<string> tokens, IReadOnlyCollection<string> commands)
    {
        var problems = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.StartsWith("--", StringComparison.Ordinal) || (token.StartsWith('/') && token.Length > 1))
            {
                if (token.Contains('=', StringComparison.Ordinal))
                {
                    continue;
                }

                // "--Section:Key value": the next token is its value.
                if (i + 1 < tokens.Count)
                {
                    i++;
                    continue;
                }

                problems.Add($"'{token}' is not an option, and as a setting it has no value: give settings as --Section:Key=value.");
            }
            else if (token.StartsWith('-'))
            {
                problems.Add($"'{token}' is not an option; give settings as --Section:Key=value.");
            }
            else if (!token.Contains('=', StringComparison.Ordinal))
            {
                var suggestion = CommandSuggestion.Closest(token, commands);
                problems.Add(suggestion is null
                    ? $"'{token}' is not a command (commands: {string.Join(", ", commands)}); give settings as --Section:Key=value."
                    : $"'{token}' is not a command; did you mean '{suggestion}'?");
            }
        }

        return problems;
    }
}
