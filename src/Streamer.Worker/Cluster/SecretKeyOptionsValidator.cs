using Microsoft.Extensions.Options;

namespace Streamer.Worker.Cluster;

/// <summary>
/// Validates <see cref="SecretKeyOptions"/>'s data annotations and keys with code generated at compile time: no
/// reflection and no emitted code on the start path.
/// </summary>
[OptionsValidator]
internal sealed partial class SecretKeyOptionsValidator : IValidateOptions<SecretKeyOptions>;
