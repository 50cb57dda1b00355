namespace Streamer.Contracts;

/// <summary>The WhatsApp template of a template message, as the API gives it.</summary>
public sealed record ChatTemplate
{
    /// <summary>The template id.</summary>
    public string? Id { get; init; }

    /// <summary>The template name.</summary>
    public string? Name { get; init; }

    /// <summary>The template language, for example <c>en_US</c>.</summary>
    public string? Language { get; init; }

    /// <summary>The category: MARKETING, UTILITY, AUTHENTICATION or another string.</summary>
    public string? Category { get; init; }

    /// <summary>The approval status: APPROVED, IN_APPEAL, PENDING, REJECTED, PENDING_DELETION, DELETED, DISABLED, PAUSED, LIMIT_EXCEEDED or another string.</summary>
    public string? Status { get; init; }

    /// <summary>The rejection reason (<c>rejected_reason</c>), often <c>NONE</c>.</summary>
    public string? RejectedReason { get; init; }

    /// <summary>The quality score (<c>quality_score.score</c>): GREEN, YELLOW, RED, UNKNOWN or another string.</summary>
    public string? QualityScore { get; init; }

    /// <summary>The parameter format (<c>parameter_format</c>): POSITIONAL or NAMED.</summary>
    public string? ParameterFormat { get; init; }

    /// <summary>The template components (header, body, footer, buttons) in the API's order.</summary>
    public IReadOnlyList<ChatTemplateComponent> Components { get; init; } = [];
}
