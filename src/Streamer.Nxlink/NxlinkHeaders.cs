namespace Streamer.Nxlink;

/// <summary>Names and fixed values of the nxlink common headers for the WhatsApp chat records endpoint.</summary>
public static class NxlinkHeaders
{
    /// <summary>The access key header.</summary>
    public const string AccessKey = "accessKey";

    /// <summary>The millisecond Unix timestamp header.</summary>
    public const string Ts = "ts";

    /// <summary>The business type header.</summary>
    public const string BizType = "bizType";

    /// <summary>The action header.</summary>
    public const string Action = "action";

    /// <summary>The signature header.</summary>
    public const string Sign = "sign";

    /// <summary>The fixed bizType of WhatsApp.</summary>
    public const string WhatsAppBizType = "2";

    /// <summary>The fixed action of this endpoint.</summary>
    public const string MtAction = "mt";

    /// <summary>The endpoint's path.</summary>
    public const string ChatRecordsPath = "/saas/openapi/chat/records";

    /// <summary>Largest page the API serves.</summary>
    public const int MaxPageSize = 100;

    /// <summary>How far <c>ts</c> may be from the server clock.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(60);
}
