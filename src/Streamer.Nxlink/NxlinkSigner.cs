using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Streamer.Nxlink;

/// <summary>
/// The nxlink "common convention" request signature:
/// <c>lowercase_hex(MD5(UTF-8(headersStr + bodyStr + "&amp;accessSecret=" + secret)))</c>, where headersStr is
/// the signed headers sorted by name (ordinal) as <c>k=v</c> joined by <c>&amp;</c>, and bodyStr is
/// <c>&amp;body=&lt;json&gt;</c> or nothing for an empty body. Query parameters are not signed.
/// </summary>
public static class NxlinkSigner
{
    /// <summary>Signs the four common headers of an nxlink request.</summary>
    public static string Sign(string accessKey, string action, string bizType, string ts, string? body, string accessSecret) =>
        Sign(
            [
                new("accessKey", accessKey),
                new("action", action),
                new("bizType", bizType),
                new("ts", ts),
            ],
            body,
            accessSecret);

    /// <summary>Signs any set of headers (every required header except <c>sign</c>).</summary>
    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "MD5 is the vendor's signing algorithm.")]
    public static string Sign(IEnumerable<KeyValuePair<string, string>> headers, string? body, string accessSecret)
    {
        var text = new StringBuilder(160);
        foreach (var (key, value) in headers.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            if (text.Length > 0)
            {
                text.Append('&');
            }

            text.Append(key).Append('=').Append(value);
        }

        if (!string.IsNullOrEmpty(body))
        {
            text.Append("&body=").Append(body);
        }

        text.Append("&accessSecret=").Append(accessSecret);
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Compares two signatures in constant time (the simulator verifies with it).</summary>
    public static bool AreEqual(string expected, string? actual) =>
        actual is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual.ToLowerInvariant()));
}
