using Streamer.Nxlink;

namespace Streamer.Worker.Detection;

/// <summary>
/// FNV-1a based hashes that are stable across processes and machines (unlike <see cref="HashCode"/>),
/// which matters because they are persisted in the state store. Null hashes to 0, nothing else does.
/// </summary>
public static class StableHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>Hash of a string (UTF-16 code units).</summary>
    public static ulong Of(string? text) => text is null ? 0 : NonZero(Add(Offset, text));

    /// <summary>Hash of an optional integer.</summary>
    public static ulong Of(int? value) => value is { } v ? NonZero((Offset ^ (uint)v) * Prime) : 0;

    /// <summary>Hash of a whole template, field by field, without serializing it.</summary>
    public static ulong Of(ChatRecordTemplate? template)
    {
        if (template is null)
        {
            return 0;
        }

        var h = Offset;
        h = Add(h, template.Id);
        h = Add(h, template.Name);
        h = Add(h, template.Language);
        h = Add(h, template.Category);
        h = Add(h, template.Status);
        h = Add(h, template.RejectedReason);
        h = Add(h, template.QualityScore?.Score);
        h = Add(h, template.ParameterFormat);
        // Null lists are tested rather than replaced by `?? []`, which allocates an empty list per hash.
        if (template.Components is not null)
        {
            foreach (var component in template.Components)
            {
                h = Add(h, component);
            }
        }

        return NonZero(h);
    }

    private static ulong Add(ulong h, ChatRecordTemplateComponent component)
    {
        h = Add(h, "\u0001component");
        h = Add(h, component.Type);
        h = Add(h, component.Format);
        h = Add(h, component.Text);
        if (component.Example is { } example)
        {
            h = AddAll(h, example.HeaderHandle);
            h = Add(h, example.CustomHeaderHandleUrl);
            h = AddAll(h, example.HeaderText);
            if (example.BodyText is not null)
            {
                foreach (var row in example.BodyText)
                {
                    h = AddAll(h, row);
                }
            }
        }

        if (component.Buttons is not null)
        {
            foreach (var button in component.Buttons)
            {
                h = Add(h, "\u0001button");
                h = Add(h, button.Type);
                h = Add(h, button.Text);
                h = Add(h, button.Url);
                h = Add(h, button.PhoneNumber);
                h = AddAll(h, button.Example);
                h = Add(h, button.FlowId);
                h = Add(h, button.FlowAction);
                h = Add(h, button.NavigateScreen);
            }
        }

        return h;
    }

    private static ulong AddAll(ulong h, List<string>? values)
    {
        h = Add(h, "\u0002list");
        if (values is not null)
        {
            foreach (var value in values)
            {
                h = Add(h, value);
            }
        }

        return h;
    }

    // A separator after each value keeps ("ab","c") apart from ("a","bc"); null differs from "".
    private static ulong Add(ulong h, string? text)
    {
        if (text is null)
        {
            return (h ^ 0xFFFF) * Prime;
        }

        foreach (var c in text)
        {
            h = (h ^ c) * Prime;
        }

        return (h ^ 0xFFFE) * Prime;
    }

    private static ulong NonZero(ulong h) => h == 0 ? 1 : h;
}
