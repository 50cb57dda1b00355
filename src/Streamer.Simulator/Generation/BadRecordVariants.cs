using System.Text;
using Streamer.Nxlink;

namespace Streamer.Simulator.Generation;

/// <summary>The ways a record can be bad (unreadable) or merely odd (valid, but unlike the document's examples).</summary>
internal static class BadRecordVariants
{
    /// <summary>Number of variants; record k gets variant k modulo this.</summary>
    public const int Count = 10;

    /// <summary>The unreadable variant whose updated_at is malformed ("2025-13-45 99:99:99").</summary>
    public const int MalformedUpdatedAt = 2;

    private static readonly string Exotic =
        "مرحبا بك 👨‍👩‍👧‍👦 שלום 🏳️‍🌈 e\u0301\u0302 Z\u0336a\u0336l\u0336g\u0336o\u0336 \u200f\u202e reversed \u202c 空格键 🇭🇰 \ud83d\udc4d\ud83c\udffd";

    /// <summary>
    /// Makes record <paramref name="index"/> of a batch its variant (index modulo <see cref="Count"/>); true when no
    /// client can read it. One long-content record per batch is a megabyte, the others 20 KB: every re-scan
    /// reads them all again.
    /// </summary>
    public static bool Apply(int index, ChatRecord record, string marker)
    {
        switch (index % Count)
        {
            case 0:
                record.Id = null;
                record.Content = marker;
                return true;
            case 1:
                record.UpdatedAt = null;
                record.Content = marker;
                return true;
            case MalformedUpdatedAt:
                record.UpdatedAt = "2025-13-45 99:99:99";
                record.Content = marker;
                return true;
            case 3:
                record.CreatedAt = "yesterday";
                record.Content = marker;
                return true;
            case 4:
                record.ChatType = 7;
                return false;
            case 5:
                record.Status = "pending_moderation";
                record.MessageType = "sticker";
                return false;
            case 6:
                record.Content = Long(index < Count ? 1_048_576 : 20_480);
                return false;
            case 7:
                record.Content = Exotic;
                record.CustomerName = "أحمد 👨‍💻";
                return false;
            case 8:
                Strip(record);
                return false;
            default:
                record.MessageType = "interactive";
                record.ChatType = 2;
                return false;
        }
    }

    // Everything the document marks optional is null; only id and the timestamps remain.
    private static void Strip(ChatRecord record)
    {
        var (id, created, updated) = (record.Id, record.CreatedAt, record.UpdatedAt);
        foreach (var property in typeof(ChatRecord).GetProperties().Where(p => p.CanWrite && p.GetSetMethod() is not null && p.GetIndexParameters().Length == 0))
        {
            property.SetValue(record, null);
        }

        (record.Id, record.CreatedAt, record.UpdatedAt) = (id, created, updated);
    }

    private static string Long(int length)
    {
        var text = new StringBuilder(length + 32);
        while (text.Length < length)
        {
            text.Append("Lorem ipsum 中文 😀 ");
        }

        return text.ToString();
    }
}
