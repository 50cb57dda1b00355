namespace Streamer.Simulator.Generation;

/// <summary>A conversation between a customer and one business number.</summary>
internal sealed class Conversation(string id, Customer customer, string businessNumber, Agent agent)
{
    private const int Remembered = 20;
    private readonly List<string> messageIds = [];

    public string Id { get; } = id;

    public Customer Customer { get; } = customer;

    public string BusinessNumber { get; } = businessNumber;

    /// <summary>The assigned agent; a reassignment applies to the record and to later messages.</summary>
    public Agent Agent { get; set; } = agent;

    /// <summary>Recent WhatsApp message ids, what a reply's context can point at.</summary>
    public IReadOnlyList<string> MessageIds => messageIds;

    public void Remember(string messageId)
    {
        if (messageIds.Count == Remembered)
        {
            messageIds.RemoveAt(0);
        }

        messageIds.Add(messageId);
    }
}
