using Microsoft.Extensions.Options;

namespace Streamer.Worker.Configuration;

/// <summary>
/// Validates <see cref="PollingOptions"/>'s data annotations with code generated at compile time: no reflection and no
/// emitted code on the start path.
/// </summary>
[OptionsValidator]
internal sealed partial class PollingOptionsValidator : IValidateOptions<PollingOptions>;
