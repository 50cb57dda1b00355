using System.ComponentModel;
using System.Globalization;

namespace Streamer.Worker.Publishing;

/// <summary>
/// Lets a <c>Rabbit:DeclareQueues</c> entry be a bare queue name (<c>Rabbit__DeclareQueues__0=analytics</c>), as it
/// was before queues took options: configuration binding converts a value to the entry through this converter.
/// </summary>
public sealed class SubscriberQueueOptionsConverter : TypeConverter
{
    /// <inheritdoc />
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    /// <inheritdoc />
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string name ? SubscriberQueueOptions.FromName(name) : base.ConvertFrom(context, culture, value);
}
