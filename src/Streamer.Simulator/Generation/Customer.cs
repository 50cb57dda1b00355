namespace Streamer.Simulator.Generation;

/// <summary>A WhatsApp customer of the tenant.</summary>
internal sealed class Customer(string id, string phone, string name)
{
    public string Id { get; } = id;

    public string Phone { get; } = phone;

    /// <summary>The current name; a rename applies to the renamed record and to later messages.</summary>
    public string Name { get; set; } = name;

    public List<Conversation> Conversations { get; } = [];
}
