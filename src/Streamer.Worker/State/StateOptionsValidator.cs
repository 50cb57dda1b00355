using Microsoft.Extensions.Options;

namespace Streamer.Worker.State;

/// <summary>
/// Validates <see cref="StateOptions"/>'s data annotations with code generated at compile time: no reflection and no
/// emitted code on the start path.
/// </summary>
[OptionsValidator]
internal sealed partial class StateOptionsValidator : IValidateOptions<StateOptions>;
