using Streamer.Worker.Publishing;

namespace Streamer.Tests.Publishing;

public sealed class AmqpAddressTests
{
    [Fact]
    public void Parse_FullUri_ReadsEveryPart()
    {
        var address = AmqpAddress.Parse("amqp://user:p%40ss@broker:5673/my%2Fvhost");

        Assert.Equal(("broker", (ushort)5673, "my/vhost", "user", "p@ss", false), (address.Host, address.Port, address.VirtualHost, address.UserName, address.Password, address.UseTls));
        Assert.DoesNotContain("p@ss", address.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amqp://broker", 5672, false)]
    [InlineData("amqp://broker/", 5672, false)]
    [InlineData("amqps://broker", 5671, true)]
    [InlineData("amqps://broker:5700/", 5700, true)]
    [InlineData("AMQPS://broker", 5671, true)]
    public void Parse_Scheme_DecidesDefaultPortAndTls(string uri, int port, bool tls)
    {
        var address = AmqpAddress.Parse(uri);

        Assert.Equal(((ushort)port, tls), (address.Port, address.UseTls));
    }

    [Theory]
    [InlineData("amqp://broker", "/")]
    [InlineData("amqp://broker/", "/")]
    [InlineData("amqp://broker/%2F", "/")]
    [InlineData("amqp://broker/%2f", "/")]
    [InlineData("amqp://broker/sales", "sales")]
    [InlineData("amqp://broker/%2Fsales", "/sales")]
    [InlineData("amqp://broker/a%20b", "a b")]
    public void Parse_Path_IsTheUnescapedVirtualHost(string uri, string virtualHost)
    {
        Assert.Equal(virtualHost, AmqpAddress.Parse(uri).VirtualHost);
    }

    [Theory]
    [InlineData("amqp://broker", "guest", "guest")]
    [InlineData("amqp://alice@broker", "alice", "guest")]
    [InlineData("amqp://alice:@broker", "alice", "")]
    [InlineData("amqp://alice:s%3Acr%2Bt@broker", "alice", "s:cr+t")]
    [InlineData("amqp://alice:a+b@broker", "alice", "a+b")]
    public void Parse_UserInfo_GivesTheCredentials(string uri, string user, string password)
    {
        var address = AmqpAddress.Parse(uri);

        Assert.Equal((user, password), (address.UserName, address.Password));
    }

    [Fact]
    public void Parse_NoHost_IsLocalhost()
    {
        var address = AmqpAddress.Parse("amqp:///sales");

        Assert.Equal(("localhost", "sales"), (address.Host, address.VirtualHost));
    }

    [Theory]
    [InlineData("")]
    [InlineData("broker:5672")]
    [InlineData("/relative/path")]
    [InlineData("http://broker:5672/")]
    [InlineData("rabbitmq://broker/")]
    [InlineData("amqp://broker/one/two")]
    public void Parse_NotAnAmqpUri_ThrowsFormatExceptionWithAnExample(string uri)
    {
        var error = Assert.Throws<FormatException>(() => AmqpAddress.Parse(uri));

        Assert.Contains("amqp://guest:guest@localhost:5672/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateConnectionFactory_GivesTheParsedBrokerAndName()
    {
        var address = AmqpAddress.Parse("amqps://alice:secret@broker:5700/sales");

        var factory = address.CreateConnectionFactory("streamer-test");

        Assert.Equal(
            ("broker", 5700, "sales", "alice", "secret", true, "streamer-test"),
            (factory.HostName, factory.Port, factory.VirtualHost, factory.UserName, factory.Password, factory.Ssl.Enabled, factory.ClientProvidedName));
    }

    [Fact]
    public void ToString_NeverShowsTheCredentials()
    {
        var address = AmqpAddress.Parse("amqps://alice:secret@broker/sales");

        Assert.Equal("amqps://broker:5671/sales", address.ToString());
    }
}
