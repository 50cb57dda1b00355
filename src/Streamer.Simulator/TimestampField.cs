namespace Streamer.Simulator;

/// <summary>Which record timestamp start_time/end_time filter on and order_by sorts by (the document does not say).</summary>
public enum TimestampField
{
    /// <summary>created_at.</summary>
    CreatedAt,

    /// <summary>updated_at.</summary>
    UpdatedAt,
}
