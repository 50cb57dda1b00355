using Streamer.Contracts;

namespace Streamer.Worker.Media;

/// <summary>
/// Why a link, a redirect hop, an address or a body was refused: the <paramref name="Rule"/> that refused it (a
/// metric tag: scheme, host, address, redirect, content-type, signature, size), the failure the job ends in, and a
/// reason naming the host at most, never the link's path or query (links are credentials).
/// </summary>
public sealed record MediaRefusal(string Rule, MediaArchiveFailure Failure, string Reason)
{
    /// <summary>The link's scheme is not allowed.</summary>
    public const string SchemeRule = "scheme";

    /// <summary>The host is not in <c>AllowedHosts</c>.</summary>
    public const string HostRule = "host";

    /// <summary>The host is, or resolves to, an address that is not allowed.</summary>
    public const string AddressRule = "address";

    /// <summary>Too many redirects, or one without a target.</summary>
    public const string RedirectRule = "redirect";

    /// <summary>The served content type is not allowed.</summary>
    public const string ContentTypeRule = "content-type";

    /// <summary>The content's first bytes disagree with its type.</summary>
    public const string SignatureRule = "signature";

    /// <summary>The body is larger than <c>MaxBytes</c>.</summary>
    public const string SizeRule = "size";
}
