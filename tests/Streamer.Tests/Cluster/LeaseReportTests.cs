using Streamer.Worker.Cluster;

namespace Streamer.Tests.Cluster;

public sealed class LeaseReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WriteText_LeasedFreeAndDisabledAccounts_OneLineEachWithOwnerTokenAndExpiryThenTheInstances()
    {
        var table = new LeaseTable(Now, ["worker-1", "worker-2"], [
            new Lease("sales", "worker-1", 7, Now.AddSeconds(12.5)),
            new Lease("gone", "worker-2", 3, Now.AddSeconds(4))]);
        var writer = new StringWriter();

        LeaseReport.WriteText(writer, table, ["sales", "support"]);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(5, lines.Length);
        Assert.Matches(@"^gone\s+worker-2\s+3 2026-12-02T06:00:04Z \(in 4\.0 s\) \(not enabled", lines[1]);
        Assert.Matches(@"^sales\s+worker-1\s+7 2026-12-02T06:00:12Z \(in 12\.5 s\)$", lines[2]);
        Assert.Matches(@"^support\s+\(free\)\s+-\s+-$", lines[3]);
        Assert.Equal("2 live instance(s): worker-1 (1), worker-2 (1)", lines[4]);
    }
}
