using Microsoft.Extensions.Options;

namespace Streamer.Worker.Publishing;

/// <summary>
/// Validates <see cref="RabbitOptions"/>'s data annotations with code generated at compile time: no reflection and no
/// emitted code on the start path.
/// </summary>
[OptionsValidator]
internal sealed partial class RabbitOptionsValidator : IValidateOptions<RabbitOptions>;
