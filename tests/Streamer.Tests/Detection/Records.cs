using Streamer.Nxlink;

namespace Streamer.Tests.Detection;

/// <summary>Builds API records for detector tests.</summary>
internal static class Records
{
    public static ChatRecord Outbound(string id = "1185539581697126400", string? status = "sent", string updatedAt = "2025-10-16 11:11:02") => new()
    {
        Id = id,
        Channel = 2,
        ConversationId = "conv-1",
        UserChannelId = "155xxxx2740",
        From = "155xxxx2740",
        To = "852xxxx4115",
        CustomerId = "1184532470154289152",
        CustomerName = "空格键",
        AgentId = "677",
        AgentName = "Wendy",
        AgentAccount = "wendy@example.com",
        ChatType = 0,
        MessageType = "text",
        Content = "你好 👋",
        MessageId = "wamid.HBgLODUy",
        Status = status,
        TenantId = "1",
        CreatedAt = "2025-10-16 11:11:02",
        UpdatedAt = updatedAt,
    };

    public static ChatRecord With(this ChatRecord record, Action<ChatRecord> change)
    {
        var copy = record.Clone();
        change(copy);
        return copy;
    }
}
