using System.Text;
using Streamer.Contracts;
using Streamer.Worker.Detection;

namespace Streamer.Tests.Detection;

/// <summary>
/// Event ids are stored by consumers to deduplicate: any change in how they are computed must give the
/// same Guid as <see cref="ReferenceEventIds"/> for the same inputs, on every kind of input.
/// </summary>
public sealed class EventIdsStabilityTests
{
    private static readonly string[] FieldNames =
    [
        "channel", "user_channel_id", "from", "to", "customer_id", "customer_name", "saas_conversation_id",
        "agent_id", "agent_name", "agent_account", "chat_type", "message_type", "content", "message_id",
        "tenant_id", "filename", "mime_type", "template", "context", "remark", "created_at",
    ];

    [Fact]
    public void AllKinds_ManyInputs_SameGuidsAsReference()
    {
        var random = new Random(20251016);
        for (var i = 0; i < 5000; i++)
        {
            var tenant = Text(random, 4);
            var record = i % 3 == 0 ? Digits(random, 19) : Text(random, 40);
            var updatedAt = i % 2 == 0 ? "2025-10-16 11:20:00" : Text(random, 30);
            var status = i % 5 == 0 ? Text(random, 60) : "delivered";
            var emoji = (i % 4) switch { 0 => null, 1 => "👍", 2 => string.Empty, _ => Text(random, 12) };
            var fields = FieldNames.OrderBy(_ => random.Next()).Take(random.Next(0, FieldNames.Length + 1)).ToArray();

            Assert.Equal(ReferenceEventIds.Created(tenant, record), EventIds.Created(tenant, record));
            Assert.Equal(ReferenceEventIds.Status(tenant, record, status), EventIds.Status(tenant, record, status));
            Assert.Equal(ReferenceEventIds.Reaction(tenant, record, updatedAt, emoji), EventIds.Reaction(tenant, record, updatedAt, emoji));
            Assert.Equal(ReferenceEventIds.Updated(tenant, record, updatedAt, fields), EventIds.Updated(tenant, record, updatedAt, fields));
            Assert.Equal(ReferenceEventIds.Updated(tenant, record, updatedAt, fields), EventIds.Updated(tenant, record, updatedAt, Changes(fields)));
            Assert.Equal(ReferenceEventIds.Create(tenant, record, "rejected", status), EventIds.Create(tenant, record, "rejected", status));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(200)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(600)]
    [InlineData(5000)]
    public void Create_EveryLength_SameGuidAsReference(int length)
    {
        var random = new Random(length);
        foreach (var value in new[] { new string('x', length), Text(random, length), Text(random, length) })
        {
            Assert.Equal(ReferenceEventIds.Create("1", "1185539581697126400", "rejected", value), EventIds.Create("1", "1185539581697126400", "rejected", value));
            Assert.Equal(ReferenceEventIds.Reaction("1", "1185539581697126400", value, "👍"), EventIds.Reaction("1", "1185539581697126400", value, "👍"));
            Assert.Equal(ReferenceEventIds.Status("1", value, "read"), EventIds.Status("1", value, "read"));
        }
    }

    [Fact]
    public void Updated_ManyFieldsAndLongNames_SameGuidAsReference()
    {
        string[] fields = [.. FieldNames, new string('z', 300), "a,b", "é"];

        string[] many = [.. Enumerable.Range(0, 70).Select(i => $"f{i}")];

        Assert.Equal(ReferenceEventIds.Updated("1", "42", "2025-10-16 11:20:00", fields), EventIds.Updated("1", "42", "2025-10-16 11:20:00", fields));
        Assert.Equal(ReferenceEventIds.Updated("1", "42", "2025-10-16 11:20:00", fields), EventIds.Updated("1", "42", "2025-10-16 11:20:00", Changes(fields)));
        Assert.Equal(ReferenceEventIds.Updated("1", "42", "2025-10-16 11:20:00", many), EventIds.Updated("1", "42", "2025-10-16 11:20:00", Changes(many)));
        Assert.Equal(ReferenceEventIds.Updated("1", "42", "2025-10-16 11:20:00", ["a", "a"]), EventIds.Updated("1", "42", "2025-10-16 11:20:00", Changes(["a", "a"])));
        Assert.Equal(ReferenceEventIds.Updated("1", "42", "2025-10-16 11:20:00", []), EventIds.Updated("1", "42", "2025-10-16 11:20:00", Array.Empty<string>()));
        Assert.Equal(ReferenceEventIds.Updated("1", "42", "2025-10-16 11:20:00", []), EventIds.Updated("1", "42", "2025-10-16 11:20:00", Changes([])));
    }

    private static ChatFieldChange[] Changes(string[] fields) => [.. fields.Select(f => new ChatFieldChange { Field = f, Value = "v" })];

    // Any UTF-16 text, lone surrogates included (UTF-8 encodes them as U+FFFD, and must do so the same way).
    private static string Text(Random random, int maxLength)
    {
        var length = random.Next(0, maxLength + 1);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(6) switch
            {
                0 => (char)random.Next(0x20, 0x7F),
                1 => (char)random.Next(0x80, 0x800),
                2 => (char)random.Next(0x4E00, 0x9FFF),
                3 => (char)random.Next(0xD800, 0xE000),
                4 => '\n',
                _ => (char)random.Next('0', '9' + 1),
            });
        }

        return builder.ToString();
    }

    private static string Digits(Random random, int length) =>
        string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('0' + r.Next(10));
            }
        });
}
