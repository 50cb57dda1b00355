namespace Streamer.IntegrationTests.Cluster;

/// <summary>Samples every account's cursor in the database twice a second while it runs, and keeps each time one moved back.</summary>
public sealed class CursorWatch : IAsyncDisposable
{
    private readonly LeaseBook book;
    private readonly CancellationTokenSource stop = new();
    private readonly Dictionary<string, long> last = new(StringComparer.Ordinal);
    private readonly List<string> movedBack = [];
    private Task? loop;

    private CursorWatch(LeaseBook book) => this.book = book;

    /// <summary>How many samples were taken.</summary>
    public int Samples { get; private set; }

    /// <summary>Each regression seen: the account, its earlier and its later position.</summary>
    public IReadOnlyList<string> MovedBack
    {
        get
        {
            lock (movedBack)
            {
                return [.. movedBack];
            }
        }
    }

    public static CursorWatch Start(LeaseBook book)
    {
        var watch = new CursorWatch(book);
        watch.loop = watch.RunAsync();
        return watch;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }

        stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            do
            {
                IReadOnlyDictionary<string, long> now;
                try
                {
                    now = await book.CursorsAsync();
                }
                catch (Npgsql.NpgsqlException)
                {
                    continue;
                }

                Samples++;
                foreach (var (account, position) in now)
                {
                    if (last.TryGetValue(account, out var before) && position < before)
                    {
                        lock (movedBack)
                        {
                            movedBack.Add($"{account} {before} -> {position}");
                        }
                    }

                    last[account] = position;
                }
            }
            while (await timer.WaitForNextTickAsync(stop.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
