using System.Globalization;
using System.Text.Json;
using Streamer.Nxlink;
using Streamer.Simulator.Control;
using Streamer.Simulator.Store;

namespace Streamer.Simulator.Fixtures;

/// <summary>The document's five response examples, embedded verbatim.</summary>
internal static class FixtureCatalog
{
    public static readonly IReadOnlyList<string> Names = ["text", "template", "image", "reaction", "reply"];

    /// <summary>The example's exact bytes, or null for an unknown name.</summary>
    public static byte[]? Read(string name)
    {
        if (!Names.Contains(name))
        {
            return null;
        }

        using var stream = typeof(FixtureCatalog).Assembly.GetManifestResourceStream($"Fixtures.{name}.json")
            ?? throw new InvalidOperationException($"The fixture {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Puts the examples' records in the store, each with one created change.</summary>
    public static int LoadInto(RecordStore store, SimulatorClock clock)
    {
        var count = 0;
        foreach (var name in Names)
        {
            var page = JsonSerializer.Deserialize(Read(name), NxlinkJsonContext.Default.ChatRecordsResponse)!;
            foreach (var record in page.List ?? [])
            {
                var created = clock.Second(record.CreatedAt) ?? throw new InvalidOperationException($"Fixture {name} has a bad created_at.");
                var updated = clock.Second(record.UpdatedAt) ?? created;
                var id = long.Parse(record.Id!, CultureInfo.InvariantCulture);
                lock (store.Gate)
                {
                    store.Add(new StoredRecord(id, record, created, updated), SimChange.Created(record, clock.At(updated)));
                }

                count++;
            }
        }

        return count;
    }
}
