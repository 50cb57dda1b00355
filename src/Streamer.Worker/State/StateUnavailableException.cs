namespace Streamer.Worker.State;

/// <summary>
/// The state database could not be reached or used when the worker started (after <c>State:StartupWait</c> of retries
/// for a database that does not answer yet): the worker exits with code 3 and this message, never with a stack trace.
/// </summary>
public sealed class StateUnavailableException(string message, Exception inner) : Exception(message, inner);
