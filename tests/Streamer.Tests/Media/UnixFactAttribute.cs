namespace Streamer.Tests.Media;

/// <summary>A fact about Unix file modes or devices: skipped on Windows, which has neither.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix only.";
        }
    }
}
