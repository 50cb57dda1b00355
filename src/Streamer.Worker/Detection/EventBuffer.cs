using System.Runtime.CompilerServices;
using Streamer.Contracts;

namespace Streamer.Worker.Detection;

/// <summary>
/// Room on the stack for the events of one observation of a record: at most two status steps (one
/// inferred), a reaction and an update. <see cref="ChangeDetector"/> copies them to an exact-size array.
/// </summary>
[InlineArray(4)]
internal struct EventBuffer
{
    private ChatMessageEvent element;
}
