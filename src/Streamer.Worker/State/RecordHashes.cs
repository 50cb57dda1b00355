using Streamer.Worker.Detection;

namespace Streamer.Worker.State;

/// <summary>A snapshot's field hashes as stored: 8 little-endian bytes per tracked field, in field order.</summary>
public static class RecordHashes
{
    /// <summary>The stored form of <paramref name="hashes"/>.</summary>
    public static byte[] Write(ulong[] hashes)
    {
        var bytes = new byte[hashes.Length * sizeof(ulong)];
        for (var i = 0; i < hashes.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * sizeof(ulong)), hashes[i]);
        }

        return bytes;
    }

    /// <summary>The hashes of <paramref name="bytes"/>, one per field tracked now.</summary>
    public static ulong[] Read(byte[] bytes)
    {
        // A snapshot written with fewer tracked fields (an older version) compares as changed in the new ones.
        var hashes = new ulong[RecordFields.Count];
        for (var i = 0; i < hashes.Length && (i + 1) * sizeof(ulong) <= bytes.Length; i++)
        {
            hashes[i] = BitConverter.ToUInt64(bytes, i * sizeof(ulong));
        }

        return hashes;
    }
}
