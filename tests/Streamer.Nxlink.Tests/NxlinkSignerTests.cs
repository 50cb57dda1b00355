namespace Streamer.Nxlink.Tests;

public sealed class NxlinkSignerTests
{
    private const string AccessKey = "fme2na3kdi3ki";
    private const string Ts = "1655710885431";
    private const string Secret = "abciiiko2k3";

    [Theory]
    [InlineData("{\"name\":\"牛小信\",\"id\":10001}", "87c3560d3331ae23f1021e2025722354")]
    [InlineData("{\"id\":10001,\"name\":\"牛小信\"}", "7750759da06333f20d0640be09355e34")]
    [InlineData("{\"id\": 10001, \"name\": \"牛小信\"}", "d0c24a9886c629330d7f3f2056c65bc2")]
    [InlineData(null, "884afe159e39b6c88a0d6102ca97d704")]
    public void Sign_NotesVectors_MatchPublishedSignature(string? body, string expected)
    {
        Assert.Equal(expected, NxlinkSigner.Sign(AccessKey, "send", "1", Ts, body, Secret));
    }

    [Fact]
    public void Sign_HeadersInAnyOrder_SortsThemByName()
    {
        KeyValuePair<string, string>[] shuffled = [new("ts", Ts), new("bizType", "1"), new("accessKey", AccessKey), new("action", "send")];

        Assert.Equal("884afe159e39b6c88a0d6102ca97d704", NxlinkSigner.Sign(shuffled, body: null, Secret));
    }

    [Fact]
    public void Sign_EmptyBody_SameAsNoBody()
    {
        Assert.Equal(NxlinkSigner.Sign(AccessKey, "send", "1", Ts, null, Secret), NxlinkSigner.Sign(AccessKey, "send", "1", Ts, "", Secret));
    }

    [Theory]
    [InlineData("884afe159e39b6c88a0d6102ca97d704", true)]
    [InlineData("884AFE159E39B6C88A0D6102CA97D704", true)]
    [InlineData("884afe159e39b6c88a0d6102ca97d705", false)]
    [InlineData("884afe", false)]
    [InlineData(null, false)]
    public void AreEqual_CandidateSignature_ComparesCaseInsensitiveHex(string? candidate, bool expected)
    {
        Assert.Equal(expected, NxlinkSigner.AreEqual("884afe159e39b6c88a0d6102ca97d704", candidate));
    }
}
