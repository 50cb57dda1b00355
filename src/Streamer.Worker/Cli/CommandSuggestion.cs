namespace Streamer.Worker.Cli;

/// <summary>The command a mistyped word most likely meant, by edit distance (case-insensitive).</summary>
public static class CommandSuggestion
{
    /// <summary>The name that starts with <paramref name="word"/> or is closest to it within a third of its length (at least 2 edits), or null.</summary>
    public static string? Closest(string word, IEnumerable<string> names)
    {
        var allowed = Math.Max(2, word.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in names)
        {
            var distance = name.StartsWith(word, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(word.ToUpperInvariant(), name.ToUpperInvariant());
            if (distance <= allowed && distance < bestDistance)
            {
                best = name;
                bestDistance = distance;
            }
        }

        return best;
    }

    // Levenshtein distance on two rows.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
