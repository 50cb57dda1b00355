using System.Globalization;

namespace Streamer.Worker.Cli;

/// <summary>
/// The backfill's progress on stderr: a bar redrawn in place on a terminal; when stderr is redirected, a
/// line at every tenth of the way, so logs stay readable.
/// </summary>
internal sealed class BackfillProgress(TextWriter writer, bool interactive, long expectedRecords, TimeZoneInfo zone)
{
    private const int Width = 30;
    private int lastTenth = -1;

    public void Report(long records, long events, DateTimeOffset upTo)
    {
        var fraction = expectedRecords <= 0 ? 1 : Math.Min(1, (double)records / expectedRecords);
        var filled = (int)Math.Round(fraction * Width);
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('-', Width - filled)}] {fraction,4:P0}  {records:N0}/{expectedRecords:N0} records  {events:N0} events  up to {TimeZoneInfo.ConvertTime(upTo, zone):yyyy-MM-dd HH:mm:ss}");
        if (interactive)
        {
            writer.Write($"\r{text}");
            return;
        }

        var tenth = (int)(fraction * 10);
        if (tenth != lastTenth)
        {
            lastTenth = tenth;
            writer.WriteLine(text);
        }
    }

    public void Done()
    {
        if (interactive)
        {
            writer.WriteLine();
        }
    }
}
