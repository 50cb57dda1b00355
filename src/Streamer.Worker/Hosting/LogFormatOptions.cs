using System.ComponentModel.DataAnnotations;

namespace Streamer.Worker.Hosting;

/// <summary>
/// How the console log is written (<c>Logging:Format</c>): <c>simple</c>, .NET's default two-line text, or
/// <c>json</c>, one JSON object per line (.NET's JSON console formatter) for log collectors.
/// </summary>
public sealed class LogFormatOptions
{
    /// <summary>Configuration section: .NET's own logging section.</summary>
    public const string SectionName = "Logging";

    /// <summary>The JSON format's name.</summary>
    public const string Json = "json";

    /// <summary>The text format's name.</summary>
    public const string Simple = "simple";

    /// <summary><c>simple</c> or <c>json</c>; unset leaves <c>Logging:Console:FormatterName</c> (simple by default) in charge.</summary>
    [RegularExpression("^(?i:simple|json)$", ErrorMessage = "Logging:Format must be simple or json.")]
    public string? Format { get; set; }
}
