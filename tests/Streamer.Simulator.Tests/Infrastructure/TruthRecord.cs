namespace Streamer.Simulator.Tests.Infrastructure;

/// <summary>A record's state as the ground truth implies it after replaying its changes.</summary>
internal sealed class TruthRecord
{
    public required string Id { get; init; }

    public required string CreatedAt { get; init; }

    public string UpdatedAt { get; set; } = "";

    public string? CustomerId { get; init; }

    public string? ConversationId { get; init; }

    public string? BusinessChannelId { get; init; }

    public string? AgentAccount { get; set; }

    public string? Status { get; set; }

    public string? Emoji { get; set; }

    public string? Remark { get; set; }

    /// <summary>Only known once a change renamed the customer.</summary>
    public string? RenamedTo { get; set; }

    public int Changes { get; set; }
}
