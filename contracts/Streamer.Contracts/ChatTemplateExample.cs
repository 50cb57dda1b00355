namespace Streamer.Contracts;

/// <summary>Example values of a template component's parameters.</summary>
public sealed record ChatTemplateExample
{
    /// <summary>Header media resource links (<c>header_handle</c>; the API sends one string or a list).</summary>
    public IReadOnlyList<string> HeaderHandle { get; init; } = [];

    /// <summary>The custom header media link (<c>custom_header_handle_url</c>).</summary>
    public string? CustomHeaderHandleUrl { get; init; }

    /// <summary>Header text parameter examples (<c>header_text</c>).</summary>
    public IReadOnlyList<string> HeaderText { get; init; } = [];

    /// <summary>Body text parameter examples (<c>body_text</c>), one list per example set.</summary>
    public IReadOnlyList<IReadOnlyList<string>> BodyText { get; init; } = [];
}
