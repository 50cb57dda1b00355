using Microsoft.Extensions.Logging.Console;

namespace Streamer.Worker.Hosting;

/// <summary>The console log's format from <c>Logging:Format</c> (see <see cref="LogFormatOptions"/>).</summary>
public static class LoggingBuilderExtensions
{
    // Sortable, in UTC and with milliseconds: collectors order and join lines from many hosts by it.
    private const string JsonTimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>
    /// Picks the console formatter from <c>Logging:Format</c> and validates the setting at start. JSON lines get a
    /// UTC timestamp unless <c>Logging:Console:FormatterOptions</c> says otherwise.
    /// </summary>
    public static ILoggingBuilder AddStreamerLogFormat(this ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.Services.AddOptions<LogFormatOptions>()
            .Bind(configuration.GetSection(LogFormatOptions.SectionName))
            .ValidateWith<LogFormatOptions, LogFormatOptionsValidator>(LogFormatOptions.SectionName)
            .ValidateOnStart();

        // Read raw: the logger is built before options are validated, and an unknown value leaves the default.
        var format = configuration[$"{LogFormatOptions.SectionName}:{nameof(LogFormatOptions.Format)}"];
        if (string.Equals(format, LogFormatOptions.Json, StringComparison.OrdinalIgnoreCase))
        {
            logging.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Json);
            logging.Services.Configure<JsonConsoleFormatterOptions>(o =>
            {
                o.TimestampFormat ??= JsonTimestampFormat;
                if (configuration["Logging:Console:FormatterOptions:UseUtcTimestamp"] is null)
                {
                    o.UseUtcTimestamp = true;
                }
            });
        }
        else if (string.Equals(format, LogFormatOptions.Simple, StringComparison.OrdinalIgnoreCase))
        {
            logging.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Simple);
        }

        return logging;
    }
}
