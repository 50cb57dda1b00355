using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Streamer.Contracts.Net8.Tests;

/// <summary>
/// A message as Streamer puts it on the broker: the MassTransit envelopes of docs/events.md, which were captured
/// from the broker and which tests/Streamer.Contracts.Tests keeps in step with the contracts.
/// </summary>
public sealed partial record WireExample(string TypeName, string MessageId, string Body)
{
    /// <summary>The event, the envelope's <c>message</c>.</summary>
    public JsonObject Message => (JsonObject)JsonNode.Parse(Body)!["message"]!;

    /// <summary>
    /// Every message of docs/events.md, in order. A block holding only the <c>message</c> ("the envelope is like the
    /// one above") is put into the envelope before it, as the type of <paramref name="eventTypes"/> whose properties
    /// hold all of its fields.
    /// </summary>
    public static IReadOnlyList<WireExample> FromEventCatalogue(IReadOnlyList<Type> eventTypes)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "events.md"));
        var examples = new List<WireExample>();
        JsonObject? previous = null;
        foreach (var json in JsonBlock().Matches(text).Select(m => m.Groups["json"].Value))
        {
            if (JsonNode.Parse(json) is not JsonObject block)
            {
                continue;
            }

            if (block.ContainsKey("messageType"))
            {
                previous = block;
            }
            else if (block.ContainsKey("eventId") && previous is not null)
            {
                var type = eventTypes.Single(t => block.Select(p => p.Key).All(key => t.GetProperty(key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is not null));
                var envelope = (JsonObject)previous.DeepClone();
                envelope["messageId"] = block["eventId"]!.DeepClone();
                envelope["messageType"]![0] = $"urn:message:{type.Namespace}:{type.Name}";
                envelope["message"] = block.DeepClone();
                block = envelope;
            }
            else
            {
                continue;
            }

            var typeName = block["messageType"]![0]!.GetValue<string>().Split(':')[^1];
            examples.Add(new WireExample(typeName, block["messageId"]!.GetValue<string>(), block.ToJsonString()));
        }

        return examples;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Streamer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Streamer.sln.");
    }

    [GeneratedRegex("```json\\n(?<json>.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
