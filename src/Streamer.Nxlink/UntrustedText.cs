using System.Globalization;
using System.Text;

namespace Streamer.Nxlink;

/// <summary>
/// Makes a value the API controls (a record id, a message, a code) safe to put in a log line or an
/// exception message: control and formatting characters (line breaks, escape sequences, bidirectional
/// overrides) are dropped, so it cannot forge lines or hide text, and it is cut to a bounded length.
/// </summary>
public static class UntrustedText
{
    /// <summary>The longest text kept, in characters, before the ellipsis.</summary>
    public const int DefaultMaxLength = 200;

    /// <summary>The cleaned text; <c>(none)</c> for null.</summary>
    public static string Clean(string? text, int maxLength = DefaultMaxLength)
    {
        if (text is null)
        {
            return "(none)";
        }

        if (text.Length <= maxLength && IsPlain(text))
        {
            return text;
        }

        var clean = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsUnsafe(rune))
            {
                continue;
            }

            if (clean.Length + rune.Utf16SequenceLength > maxLength)
            {
                return clean.Append('…').ToString();
            }

            clean.Append(rune.ToString());
        }

        return clean.ToString();
    }

    // Most values are short ids and messages with nothing to drop: returned as they are, without a copy.
    private static bool IsPlain(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsUnsafe(rune))
            {
                return false;
            }
        }

        return true;
    }

    // A lone surrogate enumerates as the replacement character, which is kept: it is visible.
    private static bool IsUnsafe(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
