namespace Streamer.Simulator.Api;

/// <summary>A refusal of the chat records endpoint: the result code and the message it is sent with.</summary>
internal sealed record ApiError(int Code, string Message);
