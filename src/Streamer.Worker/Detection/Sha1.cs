using System.Buffers.Binary;
using System.Numerics;

namespace Streamer.Worker.Detection;

/// <summary>
/// SHA-1 (RFC 3174) of a short input, in managed code, for <see cref="EventIds"/>. The platform's
/// <c>SHA1.HashData</c> goes through OpenSSL on Linux, whose per-call set-up (about 400 ns, measured) costs
/// far more than hashing the one or two 64-byte blocks of an event id's name (about 110 ns each here), and
/// an id is computed for every event. This is naming, not security; tests compare it with the platform's.
/// </summary>
internal static class Sha1
{
    /// <summary>Bytes in a SHA-1 hash.</summary>
    public const int HashSize = 20;

    private const uint K1 = 0x5A827999u;
    private const uint K2 = 0x6ED9EBA1u;
    private const uint K3 = 0x8F1BBCDCu;
    private const uint K4 = 0xCA62C1D6u;

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

    // One 64-byte block, its 80 rounds written out (measured ~20% faster than a loop): the message
    // schedule then lives in 16 locals the JIT keeps in registers (w[i] only needs w[i-3], w[i-8],
    // w[i-14] and w[i-16], so round i reuses the local of round i-16), and instead of moving a..e
    // along after each round, each round names them one place further on.
    private static void Compress(Span<uint> state, ReadOnlySpan<byte> block)
    {
        block = block[..64];
        var w0 = BinaryPrimitives.ReadUInt32BigEndian(block[0..]);
        var w1 = BinaryPrimitives.ReadUInt32BigEndian(block[4..]);
        var w2 = BinaryPrimitives.ReadUInt32BigEndian(block[8..]);
        var w3 = BinaryPrimitives.ReadUInt32BigEndian(block[12..]);
        var w4 = BinaryPrimitives.ReadUInt32BigEndian(block[16..]);
        var w5 = BinaryPrimitives.ReadUInt32BigEndian(block[20..]);
        var w6 = BinaryPrimitives.ReadUInt32BigEndian(block[24..]);
        var w7 = BinaryPrimitives.ReadUInt32BigEndian(block[28..]);
        var w8 = BinaryPrimitives.ReadUInt32BigEndian(block[32..]);
        var w9 = BinaryPrimitives.ReadUInt32BigEndian(block[36..]);
        var w10 = BinaryPrimitives.ReadUInt32BigEndian(block[40..]);
        var w11 = BinaryPrimitives.ReadUInt32BigEndian(block[44..]);
        var w12 = BinaryPrimitives.ReadUInt32BigEndian(block[48..]);
        var w13 = BinaryPrimitives.ReadUInt32BigEndian(block[52..]);
        var w14 = BinaryPrimitives.ReadUInt32BigEndian(block[56..]);
        var w15 = BinaryPrimitives.ReadUInt32BigEndian(block[60..]);
        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];

        e += Rol(a, 5) + Choose(b, c, d) + K1 + w0; b = Rol(b, 30);
        d += Rol(e, 5) + Choose(a, b, c) + K1 + w1; a = Rol(a, 30);
        c += Rol(d, 5) + Choose(e, a, b) + K1 + w2; e = Rol(e, 30);
        b += Rol(c, 5) + Choose(d, e, a) + K1 + w3; d = Rol(d, 30);
        a += Rol(b, 5) + Choose(c, d, e) + K1 + w4; c = Rol(c, 30);
        e += Rol(a, 5) + Choose(b, c, d) + K1 + w5; b = Rol(b, 30);
        d += Rol(e, 5) + Choose(a, b, c) + K1 + w6; a = Rol(a, 30);
        c += Rol(d, 5) + Choose(e, a, b) + K1 + w7; e = Rol(e, 30);
        b += Rol(c, 5) + Choose(d, e, a) + K1 + w8; d = Rol(d, 30);
        a += Rol(b, 5) + Choose(c, d, e) + K1 + w9; c = Rol(c, 30);
        e += Rol(a, 5) + Choose(b, c, d) + K1 + w10; b = Rol(b, 30);
        d += Rol(e, 5) + Choose(a, b, c) + K1 + w11; a = Rol(a, 30);
        c += Rol(d, 5) + Choose(e, a, b) + K1 + w12; e = Rol(e, 30);
        b += Rol(c, 5) + Choose(d, e, a) + K1 + w13; d = Rol(d, 30);
        a += Rol(b, 5) + Choose(c, d, e) + K1 + w14; c = Rol(c, 30);
        e += Rol(a, 5) + Choose(b, c, d) + K1 + w15; b = Rol(b, 30);
        w0 = Rol(w13 ^ w8 ^ w2 ^ w0, 1);
        d += Rol(e, 5) + Choose(a, b, c) + K1 + w0; a = Rol(a, 30);
        w1 = Rol(w14 ^ w9 ^ w3 ^ w1, 1);
        c += Rol(d, 5) + Choose(e, a, b) + K1 + w1; e = Rol(e, 30);
        w2 = Rol(w15 ^ w10 ^ w4 ^ w2, 1);
        b += Rol(c, 5) + Choose(d, e, a) + K1 + w2; d = Rol(d, 30);
        w3 = Rol(w0 ^ w11 ^ w5 ^ w3, 1);
        a += Rol(b, 5) + Choose(c, d, e) + K1 + w3; c = Rol(c, 30);

        w4 = Rol(w1 ^ w12 ^ w6 ^ w4, 1);
        e += Rol(a, 5) + Parity(b, c, d) + K2 + w4; b = Rol(b, 30);
        w5 = Rol(w2 ^ w13 ^ w7 ^ w5, 1);
        d += Rol(e, 5) + Parity(a, b, c) + K2 + w5; a = Rol(a, 30);
        w6 = Rol(w3 ^ w14 ^ w8 ^ w6, 1);
        c += Rol(d, 5) + Parity(e, a, b) + K2 + w6; e = Rol(e, 30);
        w7 = Rol(w4 ^ w15 ^ w9 ^ w7, 1);
        b += Rol(c, 5) + Parity(d, e, a) + K2 + w7; d = Rol(d, 30);
        w8 = Rol(w5 ^ w0 ^ w10 ^ w8, 1);
        a += Rol(b, 5) + Parity(c, d, e) + K2 + w8; c = Rol(c, 30);
        w9 = Rol(w6 ^ w1 ^ w11 ^ w9, 1);
        e += Rol(a, 5) + Parity(b, c, d) + K2 + w9; b = Rol(b, 30);
        w10 = Rol(w7 ^ w2 ^ w12 ^ w10, 1);
        d += Rol(e, 5) + Parity(a, b, c) + K2 + w10; a = Rol(a, 30);
        w11 = Rol(w8 ^ w3 ^ w13 ^ w11, 1);
        c += Rol(d, 5) + Parity(e, a, b) + K2 + w11; e = Rol(e, 30);
        w12 = Rol(w9 ^ w4 ^ w14 ^ w12, 1);
        b += Rol(c, 5) + Parity(d, e, a) + K2 + w12; d = Rol(d, 30);
        w13 = Rol(w10 ^ w5 ^ w15 ^ w13, 1);
        a += Rol(b, 5) + Parity(c, d, e) + K2 + w13; c = Rol(c, 30);
        w14 = Rol(w11 ^ w6 ^ w0 ^ w14, 1);
        e += Rol(a, 5) + Parity(b, c, d) + K2 + w14; b = Rol(b, 30);
        w15 = Rol(w12 ^ w7 ^ w1 ^ w15, 1);
        d += Rol(e, 5) + Parity(a, b, c) + K2 + w15; a = Rol(a, 30);
        w0 = Rol(w13 ^ w8 ^ w2 ^ w0, 1);
        c += Rol(d, 5) + Parity(e, a, b) + K2 + w0; e = Rol(e, 30);
        w1 = Rol(w14 ^ w9 ^ w3 ^ w1, 1);
        b += Rol(c, 5) + Parity(d, e, a) + K2 + w1; d = Rol(d, 30);
        w2 = Rol(w15 ^ w10 ^ w4 ^ w2, 1);
        a += Rol(b, 5) + Parity(c, d, e) + K2 + w2; c = Rol(c, 30);
        w3 = Rol(w0 ^ w11 ^ w5 ^ w3, 1);
        e += Rol(a, 5) + Parity(b, c, d) + K2 + w3; b = Rol(b, 30);
        w4 = Rol(w1 ^ w12 ^ w6 ^ w4, 1);
        d += Rol(e, 5) + Parity(a, b, c) + K2 + w4; a = Rol(a, 30);
        w5 = Rol(w2 ^ w13 ^ w7 ^ w5, 1);
        c += Rol(d, 5) + Parity(e, a, b) + K2 + w5; e = Rol(e, 30);
        w6 = Rol(w3 ^ w14 ^ w8 ^ w6, 1);
        b += Rol(c, 5) + Parity(d, e, a) + K2 + w6; d = Rol(d, 30);
        w7 = Rol(w4 ^ w15 ^ w9 ^ w7, 1);
        a += Rol(b, 5) + Parity(c, d, e) + K2 + w7; c = Rol(c, 30);

        w8 = Rol(w5 ^ w0 ^ w10 ^ w8, 1);
        e += Rol(a, 5) + Majority(b, c, d) + K3 + w8; b = Rol(b, 30);
        w9 = Rol(w6 ^ w1 ^ w11 ^ w9, 1);
        d += Rol(e, 5) + Majority(a, b, c) + K3 + w9; a = Rol(a, 30);
        w10 = Rol(w7 ^ w2 ^ w12 ^ w10, 1);
        c += Rol(d, 5) + Majority(e, a, b) + K3 + w10; e = Rol(e, 30);
        w11 = Rol(w8 ^ w3 ^ w13 ^ w11, 1);
        b += Rol(c, 5) + Majority(d, e, a) + K3 + w11; d = Rol(d, 30);
        w12 = Rol(w9 ^ w4 ^ w14 ^ w12, 1);
        a += Rol(b, 5) + Majority(c, d, e) + K3 + w12; c = Rol(c, 30);
        w13 = Rol(w10 ^ w5 ^ w15 ^ w13, 1);
        e += Rol(a, 5) + Majority(b, c, d) + K3 + w13; b = Rol(b, 30);
        w14 = Rol(w11 ^ w6 ^ w0 ^ w14, 1);
        d += Rol(e, 5) + Majority(a, b, c) + K3 + w14; a = Rol(a, 30);
        w15 = Rol(w12 ^ w7 ^ w1 ^ w15, 1);
        c += Rol(d, 5) + Majority(e, a, b) + K3 + w15; e = Rol(e, 30);
        w0 = Rol(w13 ^ w8 ^ w2 ^ w0, 1);
        b += Rol(c, 5) + Majority(d, e, a) + K3 + w0; d = Rol(d, 30);
        w1 = Rol(w14 ^ w9 ^ w3 ^ w1, 1);
        a += Rol(b, 5) + Majority(c, d, e) + K3 + w1; c = Rol(c, 30);
        w2 = Rol(w15 ^ w10 ^ w4 ^ w2, 1);
        e += Rol(a, 5) + Majority(b, c, d) + K3 + w2; b = Rol(b, 30);
        w3 = Rol(w0 ^ w11 ^ w5 ^ w3, 1);
        d += Rol(e, 5) + Majority(a, b, c) + K3 + w3; a = Rol(a, 30);
        w4 = Rol(w1 ^ w12 ^ w6 ^ w4, 1);
        c += Rol(d, 5) + Majority(e, a, b) + K3 + w4; e = Rol(e, 30);
        w5 = Rol(w2 ^ w13 ^ w7 ^ w5, 1);
        b += Rol(c, 5) + Majority(d, e, a) + K3 + w5; d = Rol(d, 30);
        w6 = Rol(w3 ^ w14 ^ w8 ^ w6, 1);
        a += Rol(b, 5) + Majority(c, d, e) + K3 + w6; c = Rol(c, 30);
        w7 = Rol(w4 ^ w15 ^ w9 ^ w7, 1);
        e += Rol(a, 5) + Majority(b, c, d) + K3 + w7; b = Rol(b, 30);
        w8 = Rol(w5 ^ w0 ^ w10 ^ w8, 1);
        d += Rol(e, 5) + Majority(a, b, c) + K3 + w8; a = Rol(a, 30);
        w9 = Rol(w6 ^ w1 ^ w11 ^ w9, 1);
        c += Rol(d, 5) + Majority(e, a, b) + K3 + w9; e = Rol(e, 30);
        w10 = Rol(w7 ^ w2 ^ w12 ^ w10, 1);
        b += Rol(c, 5) + Majority(d, e, a) + K3 + w10; d = Rol(d, 30);
        w11 = Rol(w8 ^ w3 ^ w13 ^ w11, 1);
        a += Rol(b, 5) + Majority(c, d, e) + K3 + w11; c = Rol(c, 30);

        w12 = Rol(w9 ^ w4 ^ w14 ^ w12, 1);
        e += Rol(a, 5) + Parity(b, c, d) + K4 + w12; b = Rol(b, 30);
        w13 = Rol(w10 ^ w5 ^ w15 ^ w13, 1);
        d += Rol(e, 5) + Parity(a, b, c) + K4 + w13; a = Rol(a, 30);
        w14 = Rol(w11 ^ w6 ^ w0 ^ w14, 1);
        c += Rol(d, 5) + Parity(e, a, b) + K4 + w14; e = Rol(e, 30);
        w15 = Rol(w12 ^ w7 ^ w1 ^ w15, 1);
        b += Rol(c, 5) + Parity(d, e, a) + K4 + w15; d = Rol(d, 30);
        w0 = Rol(w13 ^ w8 ^ w2 ^ w0, 1);
        a += Rol(b, 5) + Parity(c, d, e) + K4 + w0; c = Rol(c, 30);
        w1 = Rol(w14 ^ w9 ^ w3 ^ w1, 1);
        e += Rol(a, 5) + Parity(b, c, d) + K4 + w1; b = Rol(b, 30);
        w2 = Rol(w15 ^ w10 ^ w4 ^ w2, 1);
        d += Rol(e, 5) + Parity(a, b, c) + K4 + w2; a = Rol(a, 30);
        w3 = Rol(w0 ^ w11 ^ w5 ^ w3, 1);
        c += Rol(d, 5) + Parity(e, a, b) + K4 + w3; e = Rol(e, 30);
        w4 = Rol(w1 ^ w12 ^ w6 ^ w4, 1);
        b += Rol(c, 5) + Parity(d, e, a) + K4 + w4; d = Rol(d, 30);
        w5 = Rol(w2 ^ w13 ^ w7 ^ w5, 1);
        a += Rol(b, 5) + Parity(c, d, e) + K4 + w5; c = Rol(c, 30);
        w6 = Rol(w3 ^ w14 ^ w8 ^ w6, 1);
        e += Rol(a, 5) + Parity(b, c, d) + K4 + w6; b = Rol(b, 30);
        w7 = Rol(w4 ^ w15 ^ w9 ^ w7, 1);
        d += Rol(e, 5) + Parity(a, b, c) + K4 + w7; a = Rol(a, 30);
        w8 = Rol(w5 ^ w0 ^ w10 ^ w8, 1);
        c += Rol(d, 5) + Parity(e, a, b) + K4 + w8; e = Rol(e, 30);
        w9 = Rol(w6 ^ w1 ^ w11 ^ w9, 1);
        b += Rol(c, 5) + Parity(d, e, a) + K4 + w9; d = Rol(d, 30);
        w10 = Rol(w7 ^ w2 ^ w12 ^ w10, 1);
        a += Rol(b, 5) + Parity(c, d, e) + K4 + w10; c = Rol(c, 30);
        w11 = Rol(w8 ^ w3 ^ w13 ^ w11, 1);
        e += Rol(a, 5) + Parity(b, c, d) + K4 + w11; b = Rol(b, 30);
        w12 = Rol(w9 ^ w4 ^ w14 ^ w12, 1);
        d += Rol(e, 5) + Parity(a, b, c) + K4 + w12; a = Rol(a, 30);
        w13 = Rol(w10 ^ w5 ^ w15 ^ w13, 1);
        c += Rol(d, 5) + Parity(e, a, b) + K4 + w13; e = Rol(e, 30);
        w14 = Rol(w11 ^ w6 ^ w0 ^ w14, 1);
        b += Rol(c, 5) + Parity(d, e, a) + K4 + w14; d = Rol(d, 30);
        w15 = Rol(w12 ^ w7 ^ w1 ^ w15, 1);
        a += Rol(b, 5) + Parity(c, d, e) + K4 + w15; c = Rol(c, 30);

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
    }

    private static uint Rol(uint value, int count) => BitOperations.RotateLeft(value, count);

    // The round functions of rounds 0-19, 20-39 and 60-79, and 40-59.
    private static uint Choose(uint x, uint y, uint z) => z ^ (x & (y ^ z));

    private static uint Parity(uint x, uint y, uint z) => x ^ y ^ z;

    private static uint Majority(uint x, uint y, uint z) => (x & y) | (z & (x | y));
}
