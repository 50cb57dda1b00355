namespace Streamer.Simulator.Generation;

/// <summary>File names (several scripts, spaces) and MIME types of generated media messages.</summary>
internal static class MediaSamples
{
    public static readonly (string FileName, string MimeType)[] Image =
    [
        ("樱花.jpg", "image/jpeg"), ("receipt.png", "image/png"), ("фото_2025.jpg", "image/jpeg"),
        ("screenshot 🙂.png", "image/png"), ("IMG_20251016_134645.jpg", "image/jpeg"), ("sticker.webp", "image/webp"),
    ];

    public static readonly (string FileName, string MimeType)[] Video =
    [
        ("clip.mp4", "video/mp4"), ("产品演示.mp4", "video/mp4"), ("unboxing.3gp", "video/3gpp"),
    ];

    public static readonly (string FileName, string MimeType)[] Audio =
    [
        ("voice-note.ogg", "audio/ogg"), ("语音消息.ogg", "audio/ogg"), ("audio.mp3", "audio/mpeg"), ("recording.aac", "audio/aac"),
    ];

    public static readonly (string FileName, string MimeType)[] Document =
    [
        ("invoice_2025-10.pdf", "application/pdf"), ("合同.pdf", "application/pdf"),
        ("price list.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("notes.txt", "text/plain"), ("عقد.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ];

    public static (string FileName, string MimeType)[] For(string messageType) => messageType switch
    {
        MessageTypes.Image => Image,
        MessageTypes.Video => Video,
        MessageTypes.Audio => Audio,
        _ => Document,
    };
}
