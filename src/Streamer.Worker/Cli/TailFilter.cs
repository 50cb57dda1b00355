using Streamer.Contracts;

namespace Streamer.Worker.Cli;

/// <summary>Which events <c>tail</c> prints.</summary>
/// <param name="Types">Short type names (Created, StatusChanged…); empty: all.</param>
/// <param name="ConversationId">Only this conversation, or null for all.</param>
public sealed record TailFilter(IReadOnlyCollection<string> Types, string? ConversationId)
{
    /// <summary>Whether the event passes.</summary>
    public bool Accepts(ChatMessageEvent message) =>
        AcceptsType(TailPrinter.ShortName(message)) && (ConversationId is null || ConversationId == message.ConversationId);

    /// <summary>Whether events of this short type name pass the type filter.</summary>
    public bool AcceptsType(string shortName) => Types.Count == 0 || Types.Contains(shortName, StringComparer.OrdinalIgnoreCase);
}
