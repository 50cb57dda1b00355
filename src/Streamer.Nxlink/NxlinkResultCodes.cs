namespace Streamer.Nxlink;

/// <summary>The result codes of the chat records endpoint and the common authentication codes.</summary>
public static class NxlinkResultCodes
{
    /// <summary>Request successful.</summary>
    public const int Success = 0;

    /// <summary>Request failed on the server: transient.</summary>
    public const int Failed = -1;

    /// <summary>A required common header is missing.</summary>
    public const int MissingHeader = 1001;

    /// <summary>Header parameter error (bizType / action).</summary>
    public const int HeaderError = 1002;

    /// <summary>Invalid signature.</summary>
    public const int InvalidSignature = 1003;

    /// <summary>Timestamp expired: ts not in milliseconds or more than 60 s from server time.</summary>
    public const int TimestampExpired = 1004;

    /// <summary>Insufficient permissions: wrong accessKey or the account lacks this business.</summary>
    public const int InsufficientPermissions = 1005;

    /// <summary>tenant_id is required.</summary>
    public const int TenantIdRequired = 21058;

    /// <summary>appkey is required.</summary>
    public const int AppKeyRequired = 21059;

    /// <summary>The merchant has not configured a WhatsApp application.</summary>
    public const int WhatsAppNotConfigured = 22016;

    /// <summary>Invalid parameter.</summary>
    public const int InvalidParameter = 22072;

    /// <summary>True for a code listed here; any other code the API sends is unknown.</summary>
    public static bool IsKnown(int code) => code is Success or Failed or MissingHeader or HeaderError or InvalidSignature or TimestampExpired
        or InsufficientPermissions or TenantIdRequired or AppKeyRequired or WhatsAppNotConfigured or InvalidParameter;
}
