using Microsoft.Extensions.Options;

namespace Streamer.Worker.Media;

/// <summary>
/// Validates <see cref="MediaArchiveOptions"/>'s data annotations with code generated at compile time: no reflection and no
/// emitted code on the start path.
/// </summary>
[OptionsValidator]
internal sealed partial class MediaArchiveOptionsValidator : IValidateOptions<MediaArchiveOptions>;
