using Microsoft.Extensions.Options;
using Streamer.Nxlink;

namespace Streamer.Simulator;

/// <summary>The server's clock and the API's zone: Unix seconds in, the API's local text and offset instants out.</summary>
internal sealed class SimulatorClock(TimeProvider time, IOptions<SimulatorOptions> options)
{
    private readonly Lock gate = new();
    private long cachedSecond = long.MinValue;
    private string cachedText = "";
    private long offsetTicks;

    /// <summary>The time source; intervals (rates, delays, timers) are measured on it and never see <see cref="Offset"/>.</summary>
    public TimeProvider Time { get; } = time;

    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>How far the clock runs ahead of <see cref="Time"/> (a clock step of <c>POST /_sim/clock</c>; negative runs behind).</summary>
    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
        set => Interlocked.Exchange(ref offsetTicks, value.Ticks);
    }

    /// <summary>The server's time: what records and changes are stamped with, what ts is judged against and the Date header says.</summary>
    public DateTimeOffset Now => Time.GetUtcNow() + Offset;

    public long NowSecond => Now.ToUnixTimeSeconds();

    /// <summary>The API's <c>yyyy-MM-dd HH:mm:ss</c> text of a second (cached: consecutive changes share seconds).</summary>
    public string Text(long second)
    {
        lock (gate)
        {
            if (second != cachedSecond)
            {
                cachedText = NxlinkTime.ToApiText(DateTimeOffset.FromUnixTimeSeconds(second), Zone);
                cachedSecond = second;
            }

            return cachedText;
        }
    }

    /// <summary>The instant of a second with the zone's offset.</summary>
    public DateTimeOffset At(long second) => NxlinkTime.InZone(DateTimeOffset.FromUnixTimeSeconds(second), Zone);

    /// <summary>Unix seconds of an API text in the zone, or null when malformed.</summary>
    public long? Second(string? apiText) => NxlinkTime.Parse(apiText, Zone)?.ToUnixTimeSeconds();
}
