using Streamer.Contracts;

namespace Streamer.Worker.Media;

/// <summary>
/// A download refused by a rule (<see cref="MediaRefusal"/>): thrown by the link checks, by the connection
/// filter (HttpClient then wraps it in an <see cref="HttpRequestException"/>) and by the content checks.
/// </summary>
public sealed class MediaRefusedException : Exception
{
    /// <summary>Creates the exception for <paramref name="refusal"/>.</summary>
    public MediaRefusedException(MediaRefusal refusal)
        : base(refusal.Reason) => Refusal = refusal;

    /// <summary>Creates a refusal without a named rule.</summary>
    public MediaRefusedException()
        : this("refused")
    {
    }

    /// <summary>Creates a refusal without a named rule.</summary>
    public MediaRefusedException(string message)
        : this(message, null!)
    {
    }

    /// <summary>Creates a refusal without a named rule.</summary>
    public MediaRefusedException(string message, Exception innerException)
        : base(message, innerException) => Refusal = new MediaRefusal("other", MediaArchiveFailure.Denied, message);

    /// <summary>What refused the download and why.</summary>
    public MediaRefusal Refusal { get; }

    /// <summary>The refusal in <paramref name="exception"/> or its inner exceptions, if any.</summary>
    public static MediaRefusal? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is MediaRefusedException refused)
            {
                return refused.Refusal;
            }
        }

        return null;
    }
}
