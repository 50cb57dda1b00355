namespace Streamer.Contracts;

/// <summary>One component of a template: HEADER, BODY, FOOTER or BUTTONS.</summary>
public sealed record ChatTemplateComponent
{
    /// <summary>The component type: HEADER, BODY, FOOTER, BUTTONS or another string.</summary>
    public string? Type { get; init; }

    /// <summary>For a HEADER: TEXT, DOCUMENT, IMAGE or VIDEO.</summary>
    public string? Format { get; init; }

    /// <summary>The text of a text HEADER, a BODY or a FOOTER.</summary>
    public string? Text { get; init; }

    /// <summary>Parameter examples, when the HEADER or BODY has variables.</summary>
    public ChatTemplateExample? Example { get; init; }

    /// <summary>The buttons of a BUTTONS component.</summary>
    public IReadOnlyList<ChatTemplateButton> Buttons { get; init; } = [];
}
