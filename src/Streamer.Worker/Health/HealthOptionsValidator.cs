using Microsoft.Extensions.Options;

namespace Streamer.Worker.Health;

/// <summary>
/// Validates <see cref="HealthOptions"/>'s data annotations with code generated at compile time: no reflection and no
/// emitted code on the start path.
/// </summary>
[OptionsValidator]
internal sealed partial class HealthOptionsValidator : IValidateOptions<HealthOptions>;
