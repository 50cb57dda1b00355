namespace Streamer.Contracts;

/// <summary>A button of a template's BUTTONS component.</summary>
public sealed record ChatTemplateButton
{
    /// <summary>QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, FLOW or another string.</summary>
    public string? Type { get; init; }

    /// <summary>The text shown on the button.</summary>
    public string? Text { get; init; }

    /// <summary>The URL of a URL button.</summary>
    public string? Url { get; init; }

    /// <summary>The phone number of a PHONE_NUMBER button (<c>phone_number</c>).</summary>
    public string? PhoneNumber { get; init; }

    /// <summary>Example values (for example a URL with its variable filled in).</summary>
    public IReadOnlyList<string> Example { get; init; } = [];

    /// <summary>The WhatsApp flow id of a FLOW button (<c>flow_id</c>).</summary>
    public string? FlowId { get; init; }

    /// <summary>The flow action of a FLOW button (<c>flow_action</c>): navigate or data_exchange.</summary>
    public string? FlowAction { get; init; }

    /// <summary>The first screen of a navigate flow (<c>navigate_screen</c>).</summary>
    public string? NavigateScreen { get; init; }
}
