using System.Security.Cryptography;
using System.Text;
using Streamer.Worker.Detection;

namespace Streamer.Tests.Detection;

public sealed class Sha1Tests
{
    [Theory]
    [InlineData("", "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData("abc", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1")]
    public void HashData_KnownVectors(string input, string expected)
    {
        Span<byte> hash = stackalloc byte[Sha1.HashSize];

        Sha1.HashData(Encoding.ASCII.GetBytes(input), hash);

        Assert.Equal(expected, Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void HashData_EveryLengthAroundBlockEdges_SameAsPlatform()
    {
        var random = new Random(3174);
        Span<byte> hash = stackalloc byte[Sha1.HashSize];
        for (var length = 0; length <= 1100; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);

            Sha1.HashData(data, hash);

            Assert.Equal(SHA1.HashData(data), hash.ToArray());
        }
    }
}
