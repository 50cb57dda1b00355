using System.ComponentModel.DataAnnotations;

namespace Streamer.Samples.DeliveryStatus;

/// <summary>Where the statuses are kept (<c>Store__Path</c>).</summary>
public sealed class StoreOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Store";

    /// <summary>The SQLite file, created with its folder when missing.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "delivery-status.db";
}
