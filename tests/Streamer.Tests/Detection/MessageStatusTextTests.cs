using Streamer.Worker.Detection;

namespace Streamer.Tests.Detection;

public sealed class MessageStatusTextTests
{
    [Theory]
    [InlineData(null, MessageStatus.None)]
    [InlineData("", MessageStatus.None)]
    [InlineData("sent", MessageStatus.Sent)]
    [InlineData("delivered", MessageStatus.Delivered)]
    [InlineData("read", MessageStatus.Read)]
    [InlineData("failed", MessageStatus.Failed)]
    [InlineData("pending", MessageStatus.Unknown)]
    [InlineData("Read", MessageStatus.Unknown)]
    [InlineData(" read", MessageStatus.Unknown)]
    public void Parse_ApiText_Status(string? text, MessageStatus expected)
    {
        Assert.Equal(expected, MessageStatusText.Parse(text));
    }

    [Theory]
    [InlineData(MessageStatus.Sent)]
    [InlineData(MessageStatus.Delivered)]
    [InlineData(MessageStatus.Read)]
    [InlineData(MessageStatus.Failed)]
    public void Of_ListedStatus_ParsesBackToItself(MessageStatus status)
    {
        var text = MessageStatusText.Of(status);

        Assert.Equal(status, MessageStatusText.Parse(text));
        Assert.Equal(status.ToString().ToLowerInvariant(), text);
    }

    [Theory]
    [InlineData(MessageStatus.None)]
    [InlineData(MessageStatus.Unknown)]
    public void Of_UnlistedStatus_Throws(MessageStatus status)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MessageStatusText.Of(status));
    }
}
