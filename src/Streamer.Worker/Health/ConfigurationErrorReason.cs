using System.Globalization;
using Streamer.Nxlink;

namespace Streamer.Worker.Health;

/// <summary>
/// The reason <c>/healthz/ready</c> gives for an account the API refused: written here from the result code or
/// HTTP status alone, so that no text the API sent (its message) reaches the report.
/// </summary>
internal static class ConfigurationErrorReason
{
    /// <summary>A fixed sentence for <paramref name="error"/>, for example "configuration error: the API refused the signature (code 1003)".</summary>
    public static string Of(NxlinkConfigurationException error) => error switch
    {
        { Code: { } code } => string.Create(CultureInfo.InvariantCulture, $"configuration error: {Refused(code)} (code {code})"),
        { HttpStatus: >= 300 and < 400 and var status } => string.Create(CultureInfo.InvariantCulture, $"configuration error: the API redirected the request, redirects are not followed (HTTP {status})"),
        { HttpStatus: { } status } => string.Create(CultureInfo.InvariantCulture, $"configuration error: the API refused the request (HTTP {status})"),
        _ => "configuration error: the API refused the request",
    };

    private static string Refused(int code) => code switch
    {
        NxlinkResultCodes.MissingHeader or NxlinkResultCodes.HeaderError => "the API refused the request headers",
        NxlinkResultCodes.InvalidSignature => "the API refused the signature",
        NxlinkResultCodes.TimestampExpired => "the API refused the timestamp (clock difference)",
        NxlinkResultCodes.InsufficientPermissions => "the API refused the access key's permissions",
        NxlinkResultCodes.TenantIdRequired => "the API refused the tenant id",
        NxlinkResultCodes.AppKeyRequired => "the API refused the app key",
        NxlinkResultCodes.WhatsAppNotConfigured => "WhatsApp is not configured for the merchant",
        NxlinkResultCodes.InvalidParameter => "the API refused a query parameter",
        _ => "the API refused the credentials",
    };
}
