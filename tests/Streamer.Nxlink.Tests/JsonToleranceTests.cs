using System.Text.Json;

namespace Streamer.Nxlink.Tests;

public sealed class JsonToleranceTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("\"0\"")]
    public void Deserialize_CodeAsNumberOrString_ReadsZero(string code)
    {
        var response = Read($$"""{"code":{{code}},"message":null,"total":1,"list":[]}""");

        Assert.Equal(0, response.Code);
    }

    [Fact]
    public void Deserialize_CodeAsNegativeString_ReadsNumber()
    {
        Assert.Equal(-1, Read("""{"code":"-1","message":"Request failed"}""").Code);
    }

    [Fact]
    public void Deserialize_NullsEverywhere_LeavesPropertiesNull()
    {
        var response = Read("""
            {"code":0,"message":null,"traceId":null,"total":null,"page_number":null,"page_size":null,
             "list":[{"id":null,"channel":null,"template":null,"user_emoji":null,"created_at":null}]}
            """);

        Assert.Null(response.Total);
        var record = Assert.Single(response.List!);
        Assert.Null(record.Id);
        Assert.Null(record.Channel);
        Assert.Null(record.Template);
        Assert.Null(record.UserEmoji);
    }

    [Fact]
    public void Deserialize_UnknownFields_AreIgnored()
    {
        var response = Read("""
            {"code":0,"extra":{"deep":[1,2,{"x":null}]},"list":[{"id":"1","brand_new_field":"x","another":[1],"nested":{"a":1}}],"trailer":true}
            """);

        Assert.Equal("1", Assert.Single(response.List!).Id);
    }

    [Fact]
    public void Deserialize_NumbersWhereStringsExpected_ReadsTheirText()
    {
        var record = Assert.Single(Read("""
            {"code":0,"list":[{"id":1185539581697126400,"tenant_id":123,"customer_id":1184532470154289152,
              "agent_id":677,"user_channel_id":15512342740,"status":true,"content":1.5}]}
            """).List!);

        Assert.Equal("1185539581697126400", record.Id);
        Assert.Equal("123", record.TenantId);
        Assert.Equal("1184532470154289152", record.CustomerId);
        Assert.Equal("677", record.AgentId);
        Assert.Equal("15512342740", record.UserChannelId);
        Assert.Equal("true", record.Status);
        Assert.Equal("1.5", record.Content);
    }

    [Fact]
    public void Deserialize_StringsWhereNumbersExpected_ReadsTheNumber()
    {
        var response = Read("""{"code":"0","total":"42","page_number":"2","page_size":"100","list":[{"channel":"2","chat_type":"1"}]}""");

        Assert.Equal(42, response.Total);
        Assert.Equal(2, response.PageNumber);
        Assert.Equal(100, response.PageSize);
        var record = Assert.Single(response.List!);
        Assert.Equal(2, record.Channel);
        Assert.Equal(1, record.ChatType);
    }

    [Fact]
    public void Deserialize_UnreadableNumbers_BecomeNullInsteadOfFailing()
    {
        var record = Assert.Single(Read("""{"code":0,"list":[{"channel":"two","chat_type":{"x":1}}]}""").List!);

        Assert.Null(record.Channel);
        Assert.Null(record.ChatType);
    }

    [Fact]
    public void Deserialize_ObjectWhereStringExpected_KeepsItsJsonText()
    {
        var record = Assert.Single(Read("""{"code":0,"list":[{"content":{"a":[1,"b"]}}]}""").List!);

        Assert.Equal("""{"a":[1,"b"]}""", record.Content);
    }

    [Fact]
    public void Deserialize_CjkRtlAndEmoji_RawOrEscaped_ReadsSameText()
    {
        var raw = Assert.Single(Read("""{"code":0,"list":[{"customer_name":"空格键 👨‍👩‍👧","content":"مرحبا 👍🏽","user_emoji":"👍"}]}""").List!);
        var escaped = Assert.Single(Read("""{"code":0,"list":[{"customer_name":"\u7a7a\u683c\u952e \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67","content":"\u0645\u0631\u062d\u0628\u0627 \ud83d\udc4d\ud83c\udffd","user_emoji":"\ud83d\udc4d"}]}""").List!);

        Assert.Equal("空格键 👨‍👩‍👧", raw.CustomerName);
        Assert.Equal("مرحبا 👍🏽", raw.Content);
        Assert.Equal("👍", raw.UserEmoji);
        Assert.Equal(raw.CustomerName, escaped.CustomerName);
        Assert.Equal(raw.Content, escaped.Content);
        Assert.Equal(raw.UserEmoji, escaped.UserEmoji);
    }

    [Fact]
    public void Deserialize_HeaderHandleAsStringOrArray_ReadsAList()
    {
        var single = Template("""{"components":[{"type":"HEADER","format":"IMAGE","example":{"header_handle":"https://x/1.jpg","header_text":"t"}}]}""");
        var list = Template("""{"components":[{"type":"HEADER","format":"IMAGE","example":{"header_handle":["https://x/1.jpg"],"header_text":["t"]}}]}""");

        Assert.Equal(["https://x/1.jpg"], single.Components![0].Example!.HeaderHandle!);
        Assert.Equal(["https://x/1.jpg"], list.Components![0].Example!.HeaderHandle!);
        Assert.Equal(["t"], single.Components![0].Example!.HeaderText!);
    }

    [Fact]
    public void Deserialize_ButtonExampleAsStringOrArray_ReadsAList()
    {
        var template = Template("""
            {"components":[{"type":"BUTTONS","buttons":[
              {"type":"URL","text":"Go","url":"https://a/{{1}}","example":"https://a/1"},
              {"type":"COPY_CODE","example":["SALE"]},
              {"type":"FLOW","text":"Book","flow_id":123,"flow_action":"navigate","navigate_screen":"WELCOME"}]}]}
            """);

        var buttons = template.Components![0].Buttons!;
        Assert.Equal(["https://a/1"], buttons[0].Example!);
        Assert.Equal(["SALE"], buttons[1].Example!);
        Assert.Equal("123", buttons[2].FlowId);
        Assert.Equal("navigate", buttons[2].FlowAction);
        Assert.Equal("WELCOME", buttons[2].NavigateScreen);
    }

    [Fact]
    public void Serialize_Record_LeavesNullsOut()
    {
        var json = JsonSerializer.Serialize(new ChatRecord { Id = "1", Channel = 2 }, NxlinkJsonContext.Default.ChatRecord);

        Assert.Equal("""{"id":"1","channel":2}""", json);
    }

    private static ChatRecordsResponse Read(string json) =>
        JsonSerializer.Deserialize(json, NxlinkJsonContext.Default.ChatRecordsResponse)!;

    private static ChatRecordTemplate Template(string templateJson) =>
        Assert.Single(Read($$"""{"code":0,"list":[{"message_type":"template","template":{{templateJson}}}]}""").List!).Template!;
}
