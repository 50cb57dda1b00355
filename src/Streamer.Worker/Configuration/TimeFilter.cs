namespace Streamer.Worker.Configuration;

/// <summary>Which timestamp the API's start_time/end_time filter on (the document does not say).</summary>
public enum TimeFilter
{
    /// <summary>created_at: the safe assumption; changes to older records are caught by re-scans.</summary>
    CreatedAt = 0,

    /// <summary>updated_at: the incremental window sees every change; one slow safety re-scan remains.</summary>
    UpdatedAt = 1,

    /// <summary>
    /// Learned from the API: <see cref="CreatedAt"/> until probes of one-second windows show, unambiguously and
    /// for several records, that the API filters on updated_at; back to <see cref="CreatedAt"/> the moment a probe disagrees.
    /// </summary>
    Auto = 2,
}
