using System.Runtime.InteropServices;

namespace Streamer.Worker.Cli;

/// <summary>
/// A token cancelled by Ctrl+C or SIGTERM (Program.cs leaves signals to each command, so the worker's
/// host can shut down gracefully): one-shot commands stop where they are and say so.
/// </summary>
internal sealed class ConsoleCancellation : IDisposable
{
    private readonly CancellationTokenSource source;
    private readonly PosixSignalRegistration interrupt;
    private readonly PosixSignalRegistration terminate;

    public ConsoleCancellation(CancellationToken outer)
    {
        source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
    }

    /// <summary>Cancelled on a signal or when the outer token is.</summary>
    public CancellationToken Token => source.Token;

    public void Dispose()
    {
        interrupt.Dispose();
        terminate.Dispose();
        source.Dispose();
    }

    private void Cancel(PosixSignalContext context)
    {
        context.Cancel = true;
        source.Cancel();
    }
}
