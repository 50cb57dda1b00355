using System.Buffers.Binary;
using System.Numerics;

namespace Streamer.Worker.Detection;

/// <summary>
/// SHA-1 (RFC 3174) of a short input, in managed code, for <see cref="EventIds"/>. The platform's
/// <c>SHA1.HashData</c> goes through OpenSSL on Linux, whose per-call set-up (about 400 ns, measured) costs
/// far more than hashing the one or two 64-byte blocks of an event id's name (about 140 ns each here), and
/// an id is computed for every event. This is naming, not security; tests compare it with the platform's.
/// </summary>
internal static class Sha1
{
    /// <summary>Bytes in a SHA-1 hash.</summary>
    public const int HashSize = 20;

    /// <summary>Writes the SHA-1 hash of <paramref name="data"/> to <paramref name="destination"/>.</summary>
    public static void HashData(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Span<uint> state = [0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u];
        var rest = data;
        while (rest.Length >= 64)
        {
            Compress(state, rest);
            rest = rest[64..];
        }

        // Padding: 0x80, zeros, then the length in bits as a big-endian 64-bit number, ending a block.
        Span<byte> tail = stackalloc byte[128];
        tail.Clear();
        rest.CopyTo(tail);
        tail[rest.Length] = 0x80;
        var tailLength = rest.Length + 9 <= 64 ? 64 : 128;
        BinaryPrimitives.WriteUInt64BigEndian(tail[(tailLength - 8)..], (ulong)data.Length * 8);
        Compress(state, tail);
        if (tailLength == 128)
        {
            Compress(state, tail[64..]);
        }

        for (var i = 0; i < state.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(i * 4)..], state[i]);
        }
    }

    // One 64-byte block: four runs of 20 rounds (no per-round choice of function). The message schedule is
    // kept in a 16-word ring (w[i] only needs w[i-3], w[i-8], w[i-14] and w[i-16]) rather than 80 words.
    private static void Compress(Span<uint> state, ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[16];
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = BinaryPrimitives.ReadUInt32BigEndian(block[(i * 4)..]);
        }

        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
        for (var i = 0; i < 20; i++)
        {
            var t = BitOperations.RotateLeft(a, 5) + (d ^ (b & (c ^ d))) + 0x5A827999u + e + (i < 16 ? w[i] : Schedule(w, i));
            (e, d, c, b, a) = (d, c, BitOperations.RotateLeft(b, 30), a, t);
        }

        for (var i = 20; i < 40; i++)
        {
            var t = BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + 0x6ED9EBA1u + e + Schedule(w, i);
            (e, d, c, b, a) = (d, c, BitOperations.RotateLeft(b, 30), a, t);
        }

        for (var i = 40; i < 60; i++)
        {
            var t = BitOperations.RotateLeft(a, 5) + ((b & c) | (d & (b | c))) + 0x8F1BBCDCu + e + Schedule(w, i);
            (e, d, c, b, a) = (d, c, BitOperations.RotateLeft(b, 30), a, t);
        }

        for (var i = 60; i < 80; i++)
        {
            var t = BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + 0xCA62C1D6u + e + Schedule(w, i);
            (e, d, c, b, a) = (d, c, BitOperations.RotateLeft(b, 30), a, t);
        }

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
    }

    // The schedule's word for round i (16 and up), stored over the word 16 rounds back.
    private static uint Schedule(Span<uint> w, int i)
    {
        var x = BitOperations.RotateLeft(w[(i + 13) & 15] ^ w[(i + 8) & 15] ^ w[(i + 2) & 15] ^ w[i & 15], 1);
        w[i & 15] = x;
        return x;
    }
}
