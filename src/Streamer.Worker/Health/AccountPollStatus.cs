namespace Streamer.Worker.Health;

/// <summary>What the running worker knows of one account's polling.</summary>
/// <param name="LastSuccess">When its last poll succeeded, or null before the first.</param>
/// <param name="Cursor">The cursor after that poll.</param>
/// <param name="LastError">The reason (Streamer's words, never the API's) of its last failed poll on a configuration error since the last success, or null.</param>
/// <param name="LastProgress">When it last committed a slice read from the API, or null before the first.</param>
public sealed record AccountPollStatus(DateTimeOffset? LastSuccess, DateTimeOffset? Cursor, string? LastError, DateTimeOffset? LastProgress = null);
