using Streamer.Contracts;

namespace Streamer.Worker.Media;

/// <summary>
/// The first bytes each media type must start with, and those of programs, which no body may start with unless
/// its type has a signature of its own that it matches. A small table of the formats WhatsApp sends.
/// </summary>
public static class MediaSignatures
{
    /// <summary>How many first bytes are judged.</summary>
    public const int HeadLength = 1024;

    private static readonly MagicNumber Ftyp = MagicNumber.Ascii(4, "ftyp");
    private static readonly MagicNumber Zip = new(0, [0x50, 0x4B, 0x03, 0x04]);
    private static readonly MagicNumber Ole2 = new(0, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    private static readonly MagicNumber Id3 = MagicNumber.Ascii(0, "ID3");

    private static readonly Dictionary<string, MagicNumber[]> ByType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = [new(0, [0xFF, 0xD8, 0xFF])],
        ["image/png"] = [new(0, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])],
        ["image/gif"] = [MagicNumber.Ascii(0, "GIF8")],
        ["image/webp"] = [new(0, "RIFF\0\0\0\0WEBP"u8.ToArray(), [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF])],
        ["video/mp4"] = [Ftyp],
        ["video/3gpp"] = [Ftyp],
        ["video/3gp"] = [Ftyp],
        ["audio/mp4"] = [Ftyp],

        // ADTS frames (12 sync bits, layer 0), ADIF, or ADTS behind an ID3 tag.
        ["audio/aac"] = [new(0, [0xFF, 0xF0], [0xFF, 0xF6]), MagicNumber.Ascii(0, "ADIF"), Id3],

        // An ID3 tag or an MPEG audio frame (11 sync bits).
        ["audio/mpeg"] = [Id3, new(0, [0xFF, 0xE0], [0xFF, 0xE0])],
        ["audio/amr"] = [MagicNumber.Ascii(0, "#!AMR")],
        ["audio/ogg"] = [MagicNumber.Ascii(0, "OggS")],
        ["application/pdf"] = [MagicNumber.Ascii(0, "%PDF-", anywhere: true)],
        ["application/msword"] = [Ole2],
        ["application/vnd.ms-excel"] = [Ole2],
        ["application/vnd.ms-powerpoint"] = [Ole2],
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = [Zip],
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = [Zip],
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = [Zip],
    };

    private static readonly (MagicNumber Magic, string Kind)[] Programs =
    [
        (MagicNumber.Ascii(0, "MZ"), "a Windows program"),
        (new(0, [0x7F, 0x45, 0x4C, 0x46]), "an ELF program"),
        (new(0, [0xFE, 0xED, 0xFA, 0xCE]), "a Mach-O program"),
        (new(0, [0xFE, 0xED, 0xFA, 0xCF]), "a Mach-O program"),
        (new(0, [0xCE, 0xFA, 0xED, 0xFE]), "a Mach-O program"),
        (new(0, [0xCF, 0xFA, 0xED, 0xFE]), "a Mach-O program"),
        (new(0, [0xCA, 0xFE, 0xBA, 0xBE]), "a Mach-O or Java program"),
        (MagicNumber.Ascii(0, "#!"), "a script"),
    ];

    /// <summary>Whether <paramref name="contentType"/> has a signature its bodies must carry.</summary>
    public static bool IsKnown(string contentType) => ByType.ContainsKey(contentType);

    /// <summary>
    /// Refuses a body of <paramref name="contentType"/> whose first bytes <paramref name="head"/> (up to
    /// <see cref="HeadLength"/>, fewer when the body is shorter) are not that type's, or are a program's.
    /// </summary>
    public static MediaRefusal? Check(string contentType, ReadOnlySpan<byte> head)
    {
        if (ByType.TryGetValue(contentType, out var signatures))
        {
            foreach (var signature in signatures)
            {
                if (signature.Matches(head))
                {
                    return null;
                }
            }

            var looks = Program(head) is { } kind ? $"; it starts like {kind}" : string.Empty;
            return Refuse($"served as {contentType}, but its first bytes do not match {contentType}{looks}");
        }

        return Program(head) is { } program ? Refuse($"served as {contentType}, but it starts like {program}") : null;
    }

    private static string? Program(ReadOnlySpan<byte> head)
    {
        foreach (var (magic, kind) in Programs)
        {
            if (magic.Matches(head))
            {
                return kind;
            }
        }

        return null;
    }

    private static MediaRefusal Refuse(string reason) => new(MediaRefusal.SignatureRule, MediaArchiveFailure.ContentTypeNotAllowed, reason);
}
