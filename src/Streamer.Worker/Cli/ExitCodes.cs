namespace Streamer.Worker.Cli;

/// <summary>The exit codes of every <c>streamer</c> command (docs/cli.md lists them for operators and scripts).</summary>
public static class ExitCodes
{
    /// <summary>Done: the worker stopped on request, every check passed, the whole window was published.</summary>
    public const int Success = 0;

    /// <summary>It ran and failed: a check failed, a backfill stopped part way, the state file is unreadable, an unexpected error.</summary>
    public const int Failed = 1;

    /// <summary>Nothing ran: an unknown command or option, a missing or malformed argument, or invalid settings.</summary>
    public const int Usage = 2;

    /// <summary>The state file is locked by another worker, or was written by a newer version.</summary>
    public const int StateUnavailable = 3;

    /// <summary>The health endpoint's port is taken or cannot be bound.</summary>
    public const int HealthPortUnavailable = 4;
}
