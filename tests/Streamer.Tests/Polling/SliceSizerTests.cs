using Streamer.Worker.Configuration;
using Streamer.Worker.Polling;

namespace Streamer.Tests.Polling;

public sealed class SliceSizerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    // A budget of 20 pages of 100 records; a slice of fewer than 500 records is sparse.
    private static readonly PollingOptions Options = new() { PageSize = 100, MaxPagesPerSlice = 20 };

    [Fact]
    public void Accept_TooBig_CutsToEightyPercentOfTheBudget()
    {
        var sizer = new SliceSizer(Options, TimeSpan.FromSeconds(100));

        var accepted = sizer.Accept(new SliceRead(SliceOutcome.TooBig, 4_000, [], 1), Start, Start.AddSeconds(100));

        // 4,000 records in 100 s: 1,600 records (80% of 2,000) fit in 40 s.
        Assert.False(accepted);
        Assert.Equal(TimeSpan.FromSeconds(40), sizer.Span);
    }

    [Fact]
    public void Accept_TooBigTwoSeconds_CutsToASingleSecond()
    {
        var sizer = new SliceSizer(Options, TimeSpan.FromSeconds(1));

        var accepted = sizer.Accept(new SliceRead(SliceOutcome.TooBig, 50_000, [], 1), Start, Start.AddSeconds(1));

        Assert.False(accepted);
        Assert.Equal(TimeSpan.Zero, sizer.Span);
        Assert.Equal(Start, sizer.EndOf(Start, Start.AddHours(1)));
    }

    [Theory]
    [InlineData(100, 50)]
    [InlineData(3, 1)]
    [InlineData(1, 0)]
    public void Accept_TooBigWithTheTotalUnknown_HalvesTheSpan(int seconds, int expected)
    {
        var sizer = new SliceSizer(Options, TimeSpan.FromSeconds(seconds));

        var accepted = sizer.Accept(new SliceRead(SliceOutcome.TooBig, 2_000, [], 20, TotalKnown: false), Start, Start.AddSeconds(seconds));

        Assert.False(accepted);
        Assert.Equal(TimeSpan.FromSeconds(expected), sizer.Span);
    }

    [Fact]
    public void Accept_SparseSlice_LetsTheNextOneGrowBack()
    {
        var sizer = new SliceSizer(Options, TimeSpan.FromSeconds(10));

        var accepted = sizer.Accept(new SliceRead(SliceOutcome.Complete, 499, [], 1), Start, Start.AddSeconds(10));

        Assert.True(accepted);
        Assert.Equal(TimeSpan.FromSeconds(20), sizer.Span);
    }

    [Fact]
    public void Accept_SparseSingleSecond_GrowsToTwoSeconds()
    {
        var sizer = new SliceSizer(Options, TimeSpan.Zero);

        sizer.Accept(new SliceRead(SliceOutcome.Complete, 0, [], 1), Start, Start);

        Assert.Equal(TimeSpan.FromSeconds(1), sizer.Span);
        Assert.Equal(Start.AddSeconds(1), sizer.EndOf(Start, Start.AddHours(1)));
    }

    [Fact]
    public void Accept_DenseSlice_KeepsTheSpan()
    {
        var sizer = new SliceSizer(Options, TimeSpan.FromSeconds(10));

        var accepted = sizer.Accept(new SliceRead(SliceOutcome.Complete, 500, [], 1), Start, Start.AddSeconds(10));

        Assert.True(accepted);
        Assert.Equal(TimeSpan.FromSeconds(10), sizer.Span);
    }

    [Fact]
    public void EndOf_SpanBeyondTheWindow_StopsAtItsLastSecond()
    {
        var sizer = new SliceSizer(Options, TimeSpan.FromMinutes(5));

        Assert.Equal(Start.AddMinutes(1), sizer.EndOf(Start, Start.AddMinutes(1)));
        Assert.Equal(Start.AddMinutes(5), sizer.EndOf(Start, Start.AddMinutes(10)));
    }
}
