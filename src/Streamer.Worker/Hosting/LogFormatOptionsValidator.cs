using Microsoft.Extensions.Options;

namespace Streamer.Worker.Hosting;

/// <summary>
/// Validates <see cref="LogFormatOptions"/>'s data annotations with code generated at compile time: no reflection and no
/// emitted code on the start path.
/// </summary>
[OptionsValidator]
internal sealed partial class LogFormatOptionsValidator : IValidateOptions<LogFormatOptions>;
