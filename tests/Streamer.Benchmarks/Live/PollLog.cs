using System.Globalization;
using System.Text.RegularExpressions;

namespace Streamer.Benchmarks.Live;

/// <summary>One poll as the worker logs it at Debug level ("window …: N records, M events in 00:00:00.123").</summary>
/// <param name="Records">Records read.</param>
/// <param name="Events">Events published.</param>
/// <param name="Elapsed">How long the poll took.</param>
public sealed partial record PollLog(int Records, int Events, TimeSpan Elapsed)
{
    /// <summary>The polls among <paramref name="lines"/> of the worker's output.</summary>
    public static IReadOnlyList<PollLog> Read(IEnumerable<string> lines)
    {
        var polls = new List<PollLog>();
        foreach (var line in lines)
        {
            var match = WindowDone().Match(line);
            if (match.Success && TimeSpan.TryParse(match.Groups[3].Value, CultureInfo.InvariantCulture, out var elapsed))
            {
                polls.Add(new PollLog(
                    int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                    int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
                    elapsed));
            }
        }

        return polls;
    }

    [GeneratedRegex(@": (\d+) records, (\d+) events in (\d+:\d+:\d+(?:\.\d+)?)\.?\s*$")]
    private static partial Regex WindowDone();
}
