using Streamer.Worker.Configuration;

namespace Streamer.Worker.Polling;

/// <summary>
/// Sizes the slices of one window in time. A slice starts as the whole window; one over the page budget
/// is cut in proportion, and a sparse one lets the next grow back.
/// <see cref="Span"/> is a slice's end minus its start: zero is a slice of one second, the smallest.
/// </summary>
internal sealed class SliceSizer(PollingOptions options, TimeSpan span)
{
    /// <summary>The span of the next slice.</summary>
    public TimeSpan Span { get; private set; } = span;

    /// <summary>The end of the next slice from <paramref name="start"/>, at most <paramref name="last"/>.</summary>
    public DateTimeOffset EndOf(DateTimeOffset start, DateTimeOffset last) => start + Span < last ? start + Span : last;

    /// <summary>
    /// Takes the read of <c>[start, end]</c> into account: false when that slice is to be read again smaller
    /// (over budget); true when its records are to be used.
    /// </summary>
    public bool Accept(SliceRead read, DateTimeOffset start, DateTimeOffset end)
    {
        var seconds = (end - start).TotalSeconds;
        if (read.Outcome == SliceOutcome.TooBig && !read.TotalKnown)
        {
            // Without a total to aim with, half as long; at least one second less.
            Span = TimeSpan.FromSeconds(Math.Min(Math.Floor(seconds / 2), Math.Max(0, seconds - 1)));
            return false;
        }

        if (read.Outcome == SliceOutcome.TooBig)
        {
            // Aim at 80% of the page budget assuming records spread evenly; at least one second less.
            var budget = (double)options.MaxPagesPerSlice * options.PageSize;
            var aimed = Math.Max(0, Math.Floor(seconds * 0.8 * budget / Math.Max(1, read.Total)));
            Span = TimeSpan.FromSeconds(Math.Min(aimed, Math.Max(0, seconds - 1)));
            return false;
        }

        // A sparse slice lets the next one grow back.
        if (read.Total < options.PageSize * options.MaxPagesPerSlice / 4)
        {
            Span = TimeSpan.FromTicks(Math.Max(Span.Ticks * 2, TimeSpan.TicksPerSecond));
        }

        return true;
    }
}
