using System.Diagnostics.CodeAnalysis;

namespace Streamer.Worker.Detection;

/// <summary>
/// What makes a record id usable: it keys the state, the outbox's order and the media jobs, and goes in a message
/// header, so an id that is blank, longer than <see cref="MaxLength"/> or holds control characters (PostgreSQL
/// refuses NUL in text) is a lying field. Its record is rejected rather than stored.
/// </summary>
public static class RecordIds
{
    /// <summary>The longest id kept, in characters: the API's ids are 19 digits.</summary>
    public const int MaxLength = 256;

    /// <summary>Whether <paramref name="id"/> can be used.</summary>
    public static bool IsUsable([NotNullWhen(true)] string? id) => Problem(id) is null;

    /// <summary>Why <paramref name="id"/> cannot be used, or null when it can.</summary>
    public static string? Problem(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return "the record has no id";
        }

        if (id.Length > MaxLength)
        {
            return $"the record id is over {MaxLength} characters";
        }

        return id.AsSpan().ContainsAnyInRange('\0', '\u001f') || id.Contains('\u007f', StringComparison.Ordinal)
            ? "the record id holds control characters"
            : null;
    }
}
