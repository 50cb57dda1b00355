using Polly;
using Streamer.Nxlink;
using Streamer.Worker.Polling;

namespace Streamer.Tests.Polling;

public sealed class FilterProbeTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Updated = Created.AddSeconds(40);
    private static readonly ChatRecord Target = TestApi.Record("r-target", Created, "delivered", Updated);

    public static TheoryData<string, FilterEvidence> Apis => new()
    {
        { "updated", FilterEvidence.UpdatedAt },
        { "created", FilterEvidence.CreatedAt },
        { "either", FilterEvidence.Unclear },
    };

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task ProbeAsync_ApiFilteringOn_SaysWhichWindowHoldsTheRecord(string filterOn, FilterEvidence expected)
    {
        var api = new FilteringApi([Target, TestApi.Record("r-other", Created.AddSeconds(1))])
        {
            FilterOn = filterOn switch { "updated" => FilteringApi.UpdatedAt, "created" => FilteringApi.CreatedAt, _ => FilteringApi.Either },
        };
        var handler = new PageHandler(api.Answer);

        var evidence = await Probe(handler).ProbeAsync(TestApi.Account, Candidate(Target), CancellationToken.None);

        Assert.Equal(expected, evidence);
        Assert.All(handler.Requests, r => Assert.Equal(r.Start, r.End));
        Assert.Equal([TestApi.Text(Updated), TestApi.Text(Created)], handler.Requests.Select(r => r.Start).Distinct());
    }

    [Fact]
    public async Task ProbeAsync_RecordOnTheSecondPageOfABusySecond_Found()
    {
        // A campaign second: 150 records created with the target, which sorts last (ids descending).
        var crowd = Enumerable.Range(0, 150).Select(i => TestApi.Record($"s-{i:000}", Created)).Append(Target).ToList();
        var handler = new PageHandler(new FilteringApi(crowd) { FilterOn = FilteringApi.CreatedAt }.Answer);

        var evidence = await Probe(handler).ProbeAsync(TestApi.Account, Candidate(Target), CancellationToken.None);

        Assert.Equal(FilterEvidence.CreatedAt, evidence);
        Assert.Contains(handler.Requests, r => r.Page == 2);
    }

    [Fact]
    public async Task ProbeAsync_SecondFullerThanThePagesSearched_Unclear()
    {
        var crowd = Enumerable.Range(0, (FilterProbe.MaxPages * 100) + 1).Select(i => TestApi.Record($"s-{i:0000}", Created)).Append(Target).ToList();
        var handler = new PageHandler(new FilteringApi(crowd) { FilterOn = FilteringApi.CreatedAt }.Answer);

        var evidence = await Probe(handler).ProbeAsync(TestApi.Account, Candidate(Target), CancellationToken.None);

        Assert.Equal(FilterEvidence.Unclear, evidence);
        Assert.Equal(FilterProbe.MaxPages, handler.Requests.Count(r => r.Start == TestApi.Text(Created)));
    }

    [Fact]
    public async Task ProbeAsync_ApiFailing_UnclearWithoutThrowing()
    {
        var handler = new PageHandler(_ => new ChatRecordsResponse { Code = NxlinkResultCodes.Failed, Message = "Request failed" });

        var evidence = await Probe(handler).ProbeAsync(TestApi.Account, Candidate(Target), CancellationToken.None);

        Assert.Equal(FilterEvidence.Unclear, evidence);
    }

    private static FilterProbe Probe(PageHandler handler) => new(TestApi.Client(handler), ResiliencePipeline.Empty);

    private static FilterCandidate Candidate(ChatRecord record)
    {
        Assert.True(FilterCandidate.TryCreate(record, TimeZoneInfo.Utc, out var candidate));
        return candidate;
    }
}
