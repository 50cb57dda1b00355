using System.Globalization;
using Streamer.Contracts;

namespace Streamer.Worker.Cli;

/// <summary>Formats one event per line: time, type, conversation, record, a short summary without contents.</summary>
public sealed class TailPrinter(TextWriter writer, TailFilter filter)
{
    private readonly Lock gate = new();
    private long printed;

    /// <summary>Lines printed so far.</summary>
    public long Printed => Interlocked.Read(ref printed);

    /// <summary>The event type without its <c>ChatMessage</c> prefix.</summary>
    public static string ShortName(ChatMessageEvent message) => message.GetType().Name.Replace("ChatMessage", string.Empty, StringComparison.Ordinal);

    /// <summary>One line for an event.</summary>
    public static string Format(ChatMessageEvent message)
    {
        var summary = message switch
        {
            ChatMessageCreated c => $"{c.Direction.ToString().ToLowerInvariant()} {c.MessageType ?? "?"}{(c.Status is null ? string.Empty : $" [{c.Status}]")}{(c.Origin == ChangeOrigin.Live ? string.Empty : $" ({c.Origin.ToString().ToLowerInvariant()})")}",
            ChatMessageStatusChanged s => $"{s.PreviousStatus ?? "none"} -> {s.Status}{(s.Inferred ? " (inferred)" : string.Empty)}{(s.FailureReason is null ? string.Empty : $": {s.FailureReason}")}",
            ChatMessageReactionChanged r => $"{r.Change.ToString().ToLowerInvariant()} {r.PreviousEmoji ?? string.Empty}{(r.PreviousEmoji is null || r.Emoji is null ? string.Empty : " -> ")}{r.Emoji ?? string.Empty}".TrimEnd(),
            ChatMessageUpdated u => string.Join(", ", u.Changes.Select(c => c.Field)),
            _ => string.Empty,
        };
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{message.OccurredAt:HH:mm:ss}  {ShortName(message),-15}  conv {message.ConversationId ?? "-",-16}  rec {message.RecordId} v{message.Version}  {summary}");
    }

    /// <summary>Prints a rejected record (never its JSON: it may hold message contents).</summary>
    public void Print(ChatRecordRejected rejected)
    {
        if (!filter.AcceptsType("Rejected"))
        {
            return;
        }

        Write(string.Create(CultureInfo.InvariantCulture, $"{rejected.ObservedAt:HH:mm:ss}  {"Rejected",-15}  account {rejected.Account}  rec {rejected.RecordId ?? "(none)"}  {rejected.Reason}"));
    }

    /// <summary>Prints an archived media file.</summary>
    public void Print(ChatMediaArchived archived)
    {
        if (!filter.AcceptsType("MediaArchived"))
        {
            return;
        }

        Write(string.Create(CultureInfo.InvariantCulture, $"{archived.ArchivedAt:HH:mm:ss}  {"MediaArchived",-15}  account {archived.Account}  rec {archived.RecordId}  {archived.MimeType} {archived.Size:N0} bytes sha256 {archived.Sha256[..12]}"));
    }

    /// <summary>Prints a media file given up.</summary>
    public void Print(ChatMediaArchiveFailed failed)
    {
        if (!filter.AcceptsType("MediaArchiveFailed"))
        {
            return;
        }

        Write(string.Create(CultureInfo.InvariantCulture, $"{failed.FailedAt:HH:mm:ss}  {"MediaFailed",-15}  account {failed.Account}  rec {failed.RecordId}  {failed.Reason}: {failed.Detail}"));
    }

    /// <summary>Prints an event.</summary>
    public void Print(ChatMessageEvent message)
    {
        if (!filter.Accepts(message))
        {
            return;
        }

        Write(Format(message));
    }

    private void Write(string line)
    {
        lock (gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }

        Interlocked.Increment(ref printed);
    }
}
