using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Streamer.Simulator.Tests.Infrastructure;

namespace Streamer.Simulator.Tests;

/// <summary>The document's five response examples, fetched verbatim from the simulator, parse into exactly the document's values.</summary>
public sealed class DocumentExamplesTests(FixturesSimulatorFixture fixture) : IClassFixture<FixturesSimulatorFixture>
{
    private const string TraceId = "ee0e7427****4dd58c43****92ed9958.316.17223233548652651";

    [Theory]
    [InlineData("text")]
    [InlineData("template")]
    [InlineData("image")]
    [InlineData("reaction")]
    [InlineData("reply")]
    public async Task Fixture_AnyExample_IsServedVerbatimWithTheDocumentsLayout(string name)
    {
        var text = await Raw(name);

        // The document's own formatting: one property a line, no indentation, raw UTF-8.
        Assert.StartsWith("{\n\"code\": 0,\n\"message\": null,\n\"traceId\": \"" + TraceId + "\",\n", text, StringComparison.Ordinal);
        Assert.Contains("\"customer_name\": \"空格键\",", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n]\n}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fixture_UnknownName_Returns404()
    {
        using var response = await fixture.Host.Http.GetAsync("/_sim/fixtures/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Fixture_Text_ParsesEveryField()
    {
        var page = await Page("text");

        AssertEnvelope(page, total: 4);
        var r = Assert.Single(page.List!);
        Assert.Equal("1184532473820278785", r.Id);
        Assert.Equal(2, r.Channel);
        Assert.Equal("xxxxxxx111111", r.ConversationId);
        Assert.Equal("155xxxx2740", r.UserChannelId);
        Assert.Equal("852xxxx4115", r.From);
        Assert.Equal("155xxxx2740", r.To);
        Assert.Equal("1184532470154289152", r.CustomerId);
        Assert.Equal("空格键", r.CustomerName);
        Assert.Equal("708", r.AgentId);
        Assert.Equal("Sandy****@nxcloud.com", r.AgentName);
        Assert.Equal(1, r.ChatType);
        Assert.Equal("text", r.MessageType);
        Assert.Equal("你好", r.Content);
        Assert.Equal("2025-10-13 16:29:09", r.CreatedAt);
        Assert.Equal("2025-10-13 16:29:09", r.UpdatedAt);
        AssertAbsent(r, nameof(ChatRecord.AgentAccount), nameof(ChatRecord.MessageId), nameof(ChatRecord.Status), nameof(ChatRecord.TenantId),
            nameof(ChatRecord.FileName), nameof(ChatRecord.MediaLink), nameof(ChatRecord.MimeType), nameof(ChatRecord.Template),
            nameof(ChatRecord.UserEmoji), nameof(ChatRecord.Context), nameof(ChatRecord.Remark));
    }

    [Fact]
    public async Task Fixture_Template_ParsesEveryField()
    {
        var page = await Page("template");

        AssertEnvelope(page, total: 1);
        var r = Assert.Single(page.List!);
        Assert.Equal("1185539581697126400", r.Id);
        Assert.Equal(2, r.Channel);
        Assert.Equal("xxxxxxx111111", r.ConversationId);
        Assert.Equal("155xxxx2740", r.From);
        Assert.Equal("852xxxx4115", r.To);
        Assert.Equal("read", r.Status);
        Assert.Equal("123", r.TenantId);
        Assert.Equal("155xxxx2740", r.UserChannelId);
        Assert.Equal("1184532470154289152", r.CustomerId);
        Assert.Equal("空格键", r.CustomerName);
        Assert.Equal("677", r.AgentId);
        Assert.Equal("Wendy****", r.AgentName);
        Assert.Equal("Wendy****", r.AgentAccount);
        Assert.Equal(0, r.ChatType);
        Assert.Equal("template", r.MessageType);
        Assert.Equal("wamid.HBgLODUyOTI5MDQxMTUVAgARGBI2NzYxQT****3k3NkMA", r.MessageId);
        Assert.Equal("2025-10-16 11:11:02", r.CreatedAt);
        Assert.Equal("2025-10-16 11:11:10", r.UpdatedAt);
        AssertAbsent(r, nameof(ChatRecord.Content), nameof(ChatRecord.FileName), nameof(ChatRecord.MediaLink), nameof(ChatRecord.MimeType),
            nameof(ChatRecord.UserEmoji), nameof(ChatRecord.Context), nameof(ChatRecord.Remark));

        var t = r.Template!;
        Assert.Equal("hi", t.Name);
        Assert.Equal("af", t.Language);
        Assert.Equal("MARKETING", t.Category);
        Assert.Equal("APPROVED", t.Status);
        Assert.Equal("NONE", t.RejectedReason);
        Assert.Null(t.Id);
        Assert.Null(t.QualityScore);
        Assert.Null(t.ParameterFormat);
        var component = Assert.Single(t.Components!);
        Assert.Equal("BODY", component.Type);
        Assert.Equal("hi", component.Text);
        Assert.Null(component.Format);
        Assert.Null(component.Example);
        Assert.Null(component.Buttons);
    }

    [Fact]
    public async Task Fixture_Image_ParsesEveryField()
    {
        var page = await Page("image");

        AssertEnvelope(page, total: 1);
        var r = Assert.Single(page.List!);
        Assert.Equal("1185578765833007104", r.Id);
        Assert.Equal(2, r.Channel);
        Assert.Equal("xxxxxxx111111", r.ConversationId);
        Assert.Equal("155xxxx2740", r.From);
        Assert.Equal("852xxxx4115", r.To);
        Assert.Equal("delivered", r.Status);
        Assert.Equal("樱花.jpg", r.FileName);
        Assert.Equal("155xxxx2740", r.UserChannelId);
        Assert.Equal("1184532470154289152", r.CustomerId);
        Assert.Equal("空格键", r.CustomerName);
        Assert.Equal("677", r.AgentId);
        Assert.Equal("Wendy****", r.AgentName);
        Assert.Equal("Wendy****", r.AgentAccount);
        Assert.Equal(0, r.ChatType);
        Assert.Equal("image", r.MessageType);
        Assert.Equal("https://xxxxxxx.com/23?Expires=1760597396&", r.MediaLink);
        Assert.Equal("image/jpeg", r.MimeType);
        Assert.Equal("2025-10-16 13:46:45", r.CreatedAt);
        Assert.Equal("2025-10-16 13:46:49", r.UpdatedAt);
        AssertAbsent(r, nameof(ChatRecord.Content), nameof(ChatRecord.MessageId), nameof(ChatRecord.TenantId), nameof(ChatRecord.Template),
            nameof(ChatRecord.UserEmoji), nameof(ChatRecord.Context), nameof(ChatRecord.Remark));
    }

    [Fact]
    public async Task Fixture_Reaction_ParsesEveryField()
    {
        var page = await Page("reaction");

        AssertEnvelope(page, total: 1);
        var r = Assert.Single(page.List!);
        Assert.Equal("1185592273696833536", r.Id);
        Assert.Equal(2, r.Channel);
        Assert.Equal("xxxxxxx111111", r.ConversationId);
        Assert.Equal("852xxxx4115", r.From);
        Assert.Equal("155xxxx2740", r.To);
        Assert.Equal("好的", r.Content);
        Assert.Equal("123", r.TenantId);
        Assert.Equal("155xxxx2740", r.UserChannelId);
        Assert.Equal("1184532470154289152", r.CustomerId);
        Assert.Equal("空格键", r.CustomerName);
        Assert.Equal("677", r.AgentId);
        Assert.Equal("Wendy****", r.AgentName);
        Assert.Equal("Wendy****", r.AgentAccount);
        Assert.Equal(1, r.ChatType);
        Assert.Equal("text", r.MessageType);
        Assert.Equal("wamid.HBgLODUyOTI5MDQxMTUVAgASGBQzQU****MDgwMzFDNzhGRjczOAA=", r.MessageId);
        Assert.Equal("👍", r.UserEmoji);
        Assert.Equal("2025-10-16 14:40:25", r.CreatedAt);
        Assert.Equal("2025-10-16 14:41:28", r.UpdatedAt);
        AssertAbsent(r, nameof(ChatRecord.Status), nameof(ChatRecord.FileName), nameof(ChatRecord.MediaLink), nameof(ChatRecord.MimeType),
            nameof(ChatRecord.Template), nameof(ChatRecord.Context), nameof(ChatRecord.Remark));
    }

    [Fact]
    public async Task Fixture_Reply_ParsesEveryField()
    {
        var page = await Page("reply");

        AssertEnvelope(page, total: 1);
        var r = Assert.Single(page.List!);
        Assert.Equal("1185593370125647872", r.Id);
        Assert.Equal(2, r.Channel);
        Assert.Equal("xxxxxxx111111", r.ConversationId);
        Assert.Equal("852xxxx4115", r.From);
        Assert.Equal("155xxxx2740", r.To);
        Assert.Equal("是的", r.Content);
        Assert.Equal("wamid.HBgLODUyOTI5MDQxMTUVAgARGBJDMj****RThFRTNFNzYA", r.Context);
        Assert.Equal("123", r.TenantId);
        Assert.Equal("155xxxx2740", r.UserChannelId);
        Assert.Equal("1184532470154289152", r.CustomerId);
        Assert.Equal("空格键", r.CustomerName);
        Assert.Equal("677", r.AgentId);
        Assert.Equal("Wendy****", r.AgentName);
        Assert.Equal("Wendy****", r.AgentAccount);
        Assert.Equal(1, r.ChatType);
        Assert.Equal("text", r.MessageType);
        Assert.Equal("wamid.HBgLODUyOTI5MDQxMTUVAgASGBQzQU****RUU4MTY5MTUwOEQxMwA=", r.MessageId);
        Assert.Equal("2025-10-16 14:44:46", r.CreatedAt);
        Assert.Equal("2025-10-16 14:44:49", r.UpdatedAt);
        AssertAbsent(r, nameof(ChatRecord.Status), nameof(ChatRecord.FileName), nameof(ChatRecord.MediaLink), nameof(ChatRecord.MimeType),
            nameof(ChatRecord.Template), nameof(ChatRecord.UserEmoji), nameof(ChatRecord.Remark));
    }

    [Fact]
    public async Task FixturesMode_AllPagesAscending_ReturnsTheFiveExamplesInCreationOrder()
    {
        var records = await fixture.Host.AllRecordsAsync(new ChatRecordsQuery { PageSize = 2, Ascending = true });

        Assert.Equal(
            ["1184532473820278785", "1185539581697126400", "1185578765833007104", "1185592273696833536", "1185593370125647872"],
            records.Select(r => r.Id!));
        Assert.Equal("https://xxxxxxx.com/23?Expires=1760597396&", records[2].MediaLink);
        Assert.Equal("hi", records[1].Template!.Name);
    }

    [Fact]
    public async Task FixturesMode_WindowAroundTheReactionAndReply_ReturnsBothNewestFirst()
    {
        var zone = SimulatorHost.Zone;
        var records = await fixture.Host.AllRecordsAsync(new ChatRecordsQuery
        {
            StartTime = NxlinkTime.Parse("2025-10-16 14:40:25", zone),
            EndTime = NxlinkTime.Parse("2025-10-16 14:44:46", zone),
        });

        Assert.Equal(["1185593370125647872", "1185592273696833536"], records.Select(r => r.Id!));
    }

    [Fact]
    public async Task FixturesMode_GroundTruth_HasOneCreatedChangePerExample()
    {
        var changes = await fixture.Host.ChangesAsync();

        Assert.Equal(5, changes.Count);
        Assert.All(changes, c => Assert.Equal("created", c.Kind));
        Assert.Equal([1L, 2, 3, 4, 5], changes.Select(c => c.Seq));
        var template = changes.Single(c => c.RecordId == "1185539581697126400");
        Assert.Equal("read", template.Status);
        Assert.Equal("2025-10-16 11:11:10", template.UpdatedAt);
        Assert.Equal(new DateTimeOffset(2025, 10, 16, 11, 11, 10, TimeSpan.FromHours(8)), template.At);
        Assert.Equal("👍", changes.Single(c => c.RecordId == "1185592273696833536").Emoji);
    }

    private static void AssertEnvelope(ChatRecordsResponse page, int total)
    {
        Assert.Equal(0, page.Code);
        Assert.Null(page.Message);
        Assert.Equal(TraceId, page.TraceId);
        Assert.Equal(total, page.Total);
        Assert.Equal(1, page.PageNumber);
        Assert.Equal(10, page.PageSize);
    }

    private static void AssertAbsent(ChatRecord record, params string[] properties)
    {
        foreach (var property in properties)
        {
            Assert.True(typeof(ChatRecord).GetProperty(property)!.GetValue(record) is null, string.Create(CultureInfo.InvariantCulture, $"{property} should be absent."));
        }
    }

    private async Task<string> Raw(string name)
    {
        using var response = await fixture.Host.Http.GetAsync("/_sim/fixtures/" + name);
        response.EnsureSuccessStatusCode();
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<ChatRecordsResponse> Page(string name) =>
        JsonSerializer.Deserialize(await Raw(name), NxlinkJsonContext.Default.ChatRecordsResponse)!;
}
