using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Streamer.Simulator.Media;

/// <summary>
/// Signed, expiring media links like a cloud storage bucket's: <c>/_sim/media/{id}/{file}?Expires=..&amp;sig=..</c>.
/// Stored relative; made absolute per response, since the host a client used is only known then.
/// </summary>
internal sealed class MediaLinks(IOptions<SimulatorOptions> options)
{
    public const string PathPrefix = "/_sim/media/";

    private readonly byte[] key = Encoding.UTF8.GetBytes("media:" + options.Value.AccessSecret);

    public string Relative(long recordId, string fileName, long expires) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{PathPrefix}{recordId}/{Uri.EscapeDataString(fileName)}?Expires={expires}&sig={Signature(recordId, fileName, expires)}");

    public bool Verify(long recordId, string fileName, long expires, string? signature) =>
        signature is not null &&
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Signature(recordId, fileName, expires)),
            Encoding.ASCII.GetBytes(signature));

    private string Signature(long recordId, string fileName, long expires)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{recordId}\n{fileName}\n{expires}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)))[..32];
    }
}
