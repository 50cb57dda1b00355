using Microsoft.Extensions.Options;

namespace Streamer.Worker.Cluster;

/// <summary>
/// Validates <see cref="ClusterOptions"/>'s data annotations with code generated at compile time: no reflection and no
/// emitted code on the start path.
/// </summary>
[OptionsValidator]
internal sealed partial class ClusterOptionsValidator : IValidateOptions<ClusterOptions>;
