namespace Streamer.Contracts;

/// <summary>Direction of a message, from the API's <c>chat_type</c>.</summary>
public enum ChatDirection
{
    /// <summary><c>chat_type</c> 0: sent by the business to the customer.</summary>
    Outbound = 0,

    /// <summary><c>chat_type</c> 1: sent by the customer to the business.</summary>
    Inbound = 1,

    /// <summary><c>chat_type</c> 2: a system message.</summary>
    System = 2,

    /// <summary>A <c>chat_type</c> the API document does not list; the raw value is in <see cref="ChatMessageCreated.ChatType"/>.</summary>
    Unknown = -1,
}
