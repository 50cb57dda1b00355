using Streamer.Worker.Detection;

namespace Streamer.Tests.Detection;

public sealed class EventIdsTests
{
    [Fact]
    public void Create_SameInputs_SameVersion5Guid()
    {
        var a = EventIds.Create("1", "42", "status", "read");
        var b = EventIds.Create("1", "42", "status", "read");

        Assert.Equal(a, b);
        Assert.Equal(5, a.Version);
        Assert.Equal(0b10, a.Variant >> 2);
    }

    [Theory]
    [InlineData("2", "42", "status", "read")]
    [InlineData("1", "43", "status", "read")]
    [InlineData("1", "42", "reaction", "read")]
    [InlineData("1", "42", "status", "delivered")]
    public void Create_AnyInputDiffers_DifferentGuid(string tenant, string record, string kind, string value)
    {
        Assert.NotEqual(EventIds.Create("1", "42", "status", "read"), EventIds.Create(tenant, record, kind, value));
    }

    [Fact]
    public void Updated_FieldOrder_DoesNotMatter()
    {
        Assert.Equal(
            EventIds.Updated("1", "42", "2025-01-01 00:00:00", ["b", "a"]),
            EventIds.Updated("1", "42", "2025-01-01 00:00:00", ["a", "b"]));
    }

    // Expected values come from an independent RFC 9562 implementation (Python's uuid.uuid5 with the
    // namespace and the name "tenant\nrecord\nkind\nvalue"), so they pin both the name and the hash.
    [Fact]
    public void EveryKind_KnownInput_SameGuidAsIndependentUuid5()
    {
        const string record = "1185539581697126400";

        Assert.Equal(new Guid("d4ac0311-e168-5685-8b31-a0e331a840f2"), EventIds.Created("1", record));
        Assert.Equal(new Guid("bcfcc548-827e-5333-8056-08482a93e83a"), EventIds.Status("1", record, "read"));
        Assert.Equal(new Guid("d9e5c214-355f-536a-8ac6-e0e0793b58ef"), EventIds.Reaction("1", record, "2025-10-16 11:20:00", "👍"));
        Assert.Equal(new Guid("cb598d1b-a49e-5620-bdec-9d968607608d"), EventIds.Updated("1", record, "2025-10-16 11:20:00", ["content", "agent_name"]));
    }

    [Fact]
    public void Create_NameLongerThanStackBuffer_SameGuidAsIndependentUuid5()
    {
        Assert.Equal(new Guid("9510e587-b651-5691-aa04-921a7259bf99"), EventIds.Create("1", "1185539581697126400", "rejected", new string('x', 600)));
    }

    [Fact]
    public void Create_LongValue_Works()
    {
        var id = EventIds.Create("1", "42", "updated", new string('x', 5000));

        Assert.NotEqual(Guid.Empty, id);
    }
}
