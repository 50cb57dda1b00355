namespace Streamer.Worker.Media;

/// <summary>
/// One job's claim on one of the <c>MediaArchive:Concurrency</c> slots: held while the job downloads, stores
/// and publishes, given back while it waits for its next round, so a waiting job never idles a slot.
/// Used by one job at a time, so it needs no locking.
/// </summary>
internal sealed class DownloadSlot : IDisposable
{
    private readonly SemaphoreSlim slots;
    private bool held;

    private DownloadSlot(SemaphoreSlim slots) => this.slots = slots;

    /// <summary>Waits for a free slot and claims it.</summary>
    public static async Task<DownloadSlot> ClaimAsync(SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        var slot = new DownloadSlot(slots);
        await slot.TakeAsync(cancellationToken).ConfigureAwait(false);
        return slot;
    }

    /// <summary>Takes a slot again unless this claim still holds one.</summary>
    public async Task TakeAsync(CancellationToken cancellationToken)
    {
        if (!held)
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            held = true;
        }
    }

    /// <summary>Gives the slot back, if held.</summary>
    public void Release()
    {
        if (held)
        {
            held = false;
            slots.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => Release();
}
