using Microsoft.Extensions.Options;

namespace Streamer.Worker.Outbox;

/// <summary>
/// Validates <see cref="OutboxOptions"/>'s data annotations with code generated at compile time: no reflection and no
/// emitted code on the start path.
/// </summary>
[OptionsValidator]
internal sealed partial class OutboxOptionsValidator : IValidateOptions<OutboxOptions>;
