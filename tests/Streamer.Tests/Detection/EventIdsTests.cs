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

    [Fact]
    public void Create_LongValue_Works()
    {
        var id = EventIds.Create("1", "42", "updated", new string('x', 5000));

        Assert.NotEqual(Guid.Empty, id);
    }
}
