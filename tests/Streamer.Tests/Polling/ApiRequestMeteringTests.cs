using Polly.Timeout;
using Streamer.Nxlink;
using Streamer.Worker.Polling;

namespace Streamer.Tests.Polling;

public sealed class ApiRequestMeteringTests
{
    public static TheoryData<Exception?, string> Codes => new()
    {
        { null, "0" },
        { new NxlinkTransientException("failed", NxlinkResultCodes.Failed), "-1" },
        { new NxlinkConfigurationException("invalid signature", "fix", NxlinkResultCodes.InvalidSignature), "1003" },
        { new NxlinkConfigurationException("parameter", "fix", NxlinkResultCodes.InvalidParameter), "22072" },
        { new NxlinkTransientException("made up", 987_654_321), "other" },
        { new NxlinkConfigurationException("auth range", "fix", 1077), "other" },
        { new NxlinkTransientException("http", httpStatus: 503), "http5xx" },
        { new NxlinkTransientException("http", httpStatus: 429), "http4xx" },
        { new NxlinkConfigurationException("http", "fix", httpStatus: 404), "http4xx" },
        { new NxlinkTransientException("not http", httpStatus: 1_234), "other" },
        { new NxlinkPageTooLargeException(1_024, 5_000, 200), "page_too_large" },
        { new TimeoutRejectedException(), "timeout" },
        { new NxlinkTransientException("connection refused"), "network" },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void CodeOf_Outcome_BoundedLabel(Exception? error, string expected)
    {
        Assert.Equal(expected, ApiRequestMetering.CodeOf(error));
    }
}
