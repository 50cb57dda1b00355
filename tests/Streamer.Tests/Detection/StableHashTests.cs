using Streamer.Nxlink;
using Streamer.Worker.Detection;

namespace Streamer.Tests.Detection;

/// <summary>
/// Field hashes are persisted in the state store: a change in any value would make every stored record
/// look changed on its next observation. These values were computed by the first implementation.
/// </summary>
public sealed class StableHashTests
{
    [Fact]
    public void Of_Scalars_KeepTheirValues()
    {
        Assert.Equal(0UL, StableHash.Of((string?)null));
        Assert.Equal(0UL, StableHash.Of((int?)null));
        Assert.Equal(0UL, StableHash.Of((ChatRecordTemplate?)null));
        Assert.Equal(12690426097523574817UL, StableHash.Of(string.Empty));
        Assert.Equal(10055067847993890548UL, StableHash.Of("你好 👋"));
        Assert.Equal(12638155314718423877UL, StableHash.Of(2));
    }

    [Fact]
    public void Of_Templates_KeepTheirValues()
    {
        Assert.Equal(5013867094966709309UL, StableHash.Of(new ChatRecordTemplate()));
        Assert.Equal(1212679830622827945UL, StableHash.Of(Full()));
        Assert.Equal(15751593755512873853UL, StableHash.Of(WithNullLists()));
    }

    private static ChatRecordTemplate Full() => new()
    {
        Id = "t-1",
        Name = "order_update",
        Language = "en_US",
        Category = "UTILITY",
        Status = "APPROVED",
        RejectedReason = "NONE",
        QualityScore = new ChatRecordQualityScore { Score = "GREEN" },
        ParameterFormat = "POSITIONAL",
        Components =
        [
            new()
            {
                Type = "HEADER",
                Format = "IMAGE",
                Example = new() { HeaderHandle = ["h1", "h2"], CustomHeaderHandleUrl = "https://x/y", HeaderText = ["ht"], BodyText = [["a", "b"], ["c"]] },
            },
            new() { Type = "BODY", Text = "Hello {{1}}" },
            new()
            {
                Type = "BUTTONS",
                Buttons =
                [
                    new() { Type = "URL", Text = "Track", Url = "https://t/{{1}}", Example = ["https://t/1"] },
                    new() { Type = "FLOW", Text = "Go", FlowId = "f", FlowAction = "navigate", NavigateScreen = "S1", PhoneNumber = "+1" },
                ],
            },
        ],
    };

    private static ChatRecordTemplate WithNullLists() => new()
    {
        Name = "n",
        Components =
        [
            new() { Type = "HEADER", Example = new() { CustomHeaderHandleUrl = "u" } },
            new() { Type = "BUTTONS", Buttons = [new() { Type = "QUICK_REPLY" }] },
            new() { Type = "BODY", Example = new() { BodyText = [] }, Buttons = [] },
        ],
    };
}
