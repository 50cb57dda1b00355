namespace Streamer.Worker.Media;

/// <summary>
/// A file signature: <see cref="Bytes"/> at <see cref="Offset"/>, compared under <see cref="Mask"/> when set, or
/// anywhere in the first bytes read when <see cref="Anywhere"/> (PDF readers accept a header after some junk).
/// </summary>
public sealed record MagicNumber(int Offset, byte[] Bytes, byte[]? Mask = null, bool Anywhere = false)
{
    /// <summary>A signature of ASCII text.</summary>
    public static MagicNumber Ascii(int offset, string text, bool anywhere = false) =>
        new(offset, System.Text.Encoding.ASCII.GetBytes(text), Anywhere: anywhere);

    /// <summary>Whether the file's first bytes <paramref name="head"/> carry this signature.</summary>
    public bool Matches(ReadOnlySpan<byte> head)
    {
        if (Anywhere)
        {
            return head.IndexOf(Bytes) >= 0;
        }

        if (head.Length < Offset + Bytes.Length)
        {
            return false;
        }

        for (var i = 0; i < Bytes.Length; i++)
        {
            var mask = Mask?[i] ?? 0xFF;
            if ((head[Offset + i] & mask) != (Bytes[i] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
