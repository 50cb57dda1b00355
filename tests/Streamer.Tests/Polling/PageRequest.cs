namespace Streamer.Tests.Polling;

/// <summary>A page the API was asked for.</summary>
/// <param name="Read">Which read of a slice it belongs to, counting page-1 requests from 1.</param>
/// <param name="Page">The page number.</param>
/// <param name="Size">The page size.</param>
/// <param name="Start">start_time as sent (the account's local time).</param>
/// <param name="End">end_time as sent.</param>
/// <param name="Ascending">order_by=asc.</param>
internal sealed record PageRequest(int Read, int Page, int Size, string Start, string End, bool Ascending = false)
{
    /// <summary>The <c>total</c> answered.</summary>
    public int Total { get; set; }
}
