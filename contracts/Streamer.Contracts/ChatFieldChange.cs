namespace Streamer.Contracts;

/// <summary>One field of a chat record that changed, with its new value.</summary>
public sealed record ChatFieldChange
{
    /// <summary>The field's name in the nxlink API, for example <c>content</c> or <c>customer_name</c>.</summary>
    public required string Field { get; init; }

    /// <summary>The new value as text (objects such as <c>template</c> as JSON), or null when it was cleared.</summary>
    public string? Value { get; init; }
}
