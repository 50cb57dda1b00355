using Streamer.Contracts;
using Streamer.Worker.Detection;

namespace Streamer.Tests.Detection;

/// <summary>Text the state keeps (the id, the status, the reaction) that no store could keep is a rejection.</summary>
public sealed class ChangeDetectorTextTests
{
    private static readonly DetectionContext Live = new("1", TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), ChangeOrigin.Live);

    [Theory]
    [InlineData("1\u00002", "the record id holds control characters")]
    [InlineData("12\n3", "the record id holds control characters")]
    [InlineData(" ", "the record has no id")]
    public void Detect_IdThatCannotKeyTheState_Rejected(string id, string reason)
    {
        var result = ChangeDetector.Detect(null, Records.Outbound(id), Live);

        Assert.Equal(reason, result.RejectReason);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void Detect_IdAtAndOverTheLimit_OnlyTheLongerRejected()
    {
        var longest = ChangeDetector.Detect(null, Records.Outbound(new string('7', RecordIds.MaxLength)), Live);
        var longer = ChangeDetector.Detect(null, Records.Outbound(new string('7', RecordIds.MaxLength + 1)), Live);

        Assert.Null(longest.RejectReason);
        Assert.Single(longest.Events);
        Assert.Equal($"the record id is over {RecordIds.MaxLength} characters", longer.RejectReason);
    }

    [Theory]
    [InlineData("sent\u0000", null)]
    [InlineData("sent", "\u0000")]
    public void Detect_NulInStatusOrReaction_Rejected(string status, string? emoji)
    {
        var record = Records.Outbound(status: status).With(r => r.UserEmoji = emoji);

        var result = ChangeDetector.Detect(null, record, Live);

        Assert.Equal("status or user_emoji holds a NUL character", result.RejectReason);
    }
}
