using System.Text;
using Streamer.Contracts;
using Streamer.Worker.Media;

namespace Streamer.Tests.Media;

public sealed class MediaSignaturesTests
{
    public static TheoryData<string, byte[]> RealFirstBytes => new()
    {
        { "image/jpeg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46] },
        { "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00] },
        { "image/webp", Encoding.ASCII.GetBytes("RIFF\x24\x01\x00\x00WEBPVP8 ") },
        { "video/mp4", [0x00, 0x00, 0x00, 0x18, .. Encoding.ASCII.GetBytes("ftypmp42")] },
        { "video/3gpp", [0x00, 0x00, 0x00, 0x14, .. Encoding.ASCII.GetBytes("ftyp3gp4")] },
        { "audio/mp4", [0x00, 0x00, 0x00, 0x20, .. Encoding.ASCII.GetBytes("ftypM4A ")] },
        { "audio/aac", [0xFF, 0xF1, 0x50, 0x80, 0x02, 0x1F, 0xFC] },
        { "audio/mpeg", Encoding.ASCII.GetBytes("ID3\x04\x00") },
        { "audio/mpeg", [0xFF, 0xFB, 0x90, 0x64] },
        { "audio/amr", Encoding.ASCII.GetBytes("#!AMR\n") },
        { "audio/ogg", Encoding.ASCII.GetBytes("OggS\x00\x02") },
        { "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n") },
        { "application/pdf", Encoding.ASCII.GetBytes("\r\n\r\n%PDF-1.4\n") },
        { "application/msword", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00] },
        { "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00] },
        { "text/plain", Encoding.UTF8.GetBytes("Hello 🙂") },
    };

    [Theory]
    [MemberData(nameof(RealFirstBytes))]
    public void Check_FirstBytesOfTheDeclaredType_Accepted(string contentType, byte[] head) =>
        Assert.Null(MediaSignatures.Check(contentType, head));

    [Theory]
    [InlineData("image/jpeg", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })]
    [InlineData("image/png", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 })]
    [InlineData("image/webp", new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45 })]
    [InlineData("video/mp4", new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E, 0, 0 })]
    [InlineData("application/pdf", new byte[] { 0x4D, 0x5A, 0x90, 0x00 })]
    [InlineData("audio/ogg", new byte[] { })]
    [InlineData("image/jpeg", new byte[] { 0xFF, 0xD8 })]
    public void Check_FirstBytesOfAnotherFormat_ContentTypeNotAllowed(string contentType, byte[] head)
    {
        var refusal = MediaSignatures.Check(contentType, head);

        Assert.Equal((MediaRefusal.SignatureRule, MediaArchiveFailure.ContentTypeNotAllowed), (refusal?.Rule, refusal?.Failure));
        Assert.Contains(contentType, refusal!.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, "a Windows program")]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02 }, "an ELF program")]
    [InlineData(new byte[] { 0xCF, 0xFA, 0xED, 0xFE }, "a Mach-O program")]
    [InlineData(new byte[] { 0x23, 0x21, 0x2F, 0x62, 0x69, 0x6E }, "a script")]
    public void Check_ProgramServedAsTypeWithoutSignature_Refused(byte[] head, string kind)
    {
        var refusal = MediaSignatures.Check("text/plain", head);

        Assert.Equal(MediaRefusal.SignatureRule, refusal?.Rule);
        Assert.EndsWith($"starts like {kind}", refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_PdfHeaderBeyondTheJudgedBytes_Refused()
    {
        byte[] head = [.. new byte[MediaSignatures.HeadLength], .. Encoding.ASCII.GetBytes("%PDF-1.7")];

        Assert.Null(MediaSignatures.Check("application/pdf", head.AsSpan(MediaSignatures.HeadLength)));
        Assert.NotNull(MediaSignatures.Check("application/pdf", head.AsSpan(0, MediaSignatures.HeadLength)));
    }
}
