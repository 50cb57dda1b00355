using System.Globalization;
using System.Text;
using Streamer.Nxlink;
using Streamer.Simulator.Media;

namespace Streamer.Simulator.Generation;

/// <summary>
/// Makes new records: the customers, conversations and agents they belong to, and their content. Every choice
/// comes from the generator's seeded Random, so the same seed makes the same records.
/// </summary>
internal sealed class MessageFactory
{
    public const int ChatOutbound = 0;
    public const int ChatInbound = 1;
    public const int ChatSystem = 2;

    /// <summary>Tenant 0's first record id: 19-digit ids increasing with creation, like the document's snowflake ids (but independent of the clock).</summary>
    public const long IdBase = 1_186_000_000_000_000_000;

    /// <summary>Tenant 0's customers.</summary>
    public const int DefaultCustomers = 300;

    private static readonly (string, int)[] InboundTypes =
        [(MessageTypes.Text, 65), (MessageTypes.Image, 14), (MessageTypes.Video, 5), (MessageTypes.Audio, 9), (MessageTypes.Document, 7)];

    private static readonly (string, int)[] OutboundTypes =
        [(MessageTypes.Text, 45), (MessageTypes.Template, 30), (MessageTypes.Image, 12), (MessageTypes.Video, 4), (MessageTypes.Audio, 3), (MessageTypes.Document, 6)];

    private static readonly (int, int)[] ChatTypes = [(ChatOutbound, 50), (ChatInbound, 45), (ChatSystem, 5)];

    private readonly Random random;
    private readonly string tenantId;
    private readonly long mediaLifetimeSeconds;
    private readonly MediaLinks links;
    private readonly long idBase;
    private long created;

    /// <summary>A tenant's factory: its records carry <paramref name="tenantId"/>, their ids start at <paramref name="idBase"/>.</summary>
    public MessageFactory(Random random, SimulatorOptions options, MediaLinks links, string tenantId, long idBase, int customers)
    {
        this.random = random;
        this.links = links;
        this.tenantId = tenantId;
        this.idBase = idBase;
        mediaLifetimeSeconds = (long)options.MediaLinkLifetime.TotalSeconds;
        Customers.Capacity = customers;
        for (var i = 0; i < customers; i++)
        {
            Customers.Add(NewCustomer(i));
        }
    }

    /// <summary>The seeded Random every choice of the tenant's data is drawn from (the changer draws from it too).</summary>
    public Random Random => random;

    public List<Customer> Customers { get; } = [];

    public string NewCustomerName() => random.Pick(SampleText.FirstNames) + random.Pick(SampleText.NameSuffixes);

    /// <summary>A message in a random conversation of a random customer.</summary>
    public (long Id, ChatRecord Record, Conversation Conversation) NewMessage(long second, string text)
    {
        var conversation = random.Pick(random.Pick(Customers).Conversations);
        var chatType = random.Weighted(ChatTypes);
        var messageType = chatType switch
        {
            ChatSystem => MessageTypes.Text,
            ChatInbound => random.Weighted(InboundTypes),
            _ => random.Weighted(OutboundTypes),
        };
        var template = messageType == MessageTypes.Template ? random.Pick(TemplateSamples.All) : null;
        return Build(conversation, chatType, messageType, template, second, text);
    }

    /// <summary>An outbound message (status sent, with a WhatsApp message id) in a random conversation of a random customer.</summary>
    public (long Id, ChatRecord Record, Conversation Conversation) NewOutboundMessage(long second, string text)
    {
        var conversation = random.Pick(random.Pick(Customers).Conversations);
        var messageType = random.Weighted(OutboundTypes);
        var template = messageType == MessageTypes.Template ? random.Pick(TemplateSamples.All) : null;
        return Build(conversation, ChatOutbound, messageType, template, second, text);
    }

    /// <summary>An inbound message of <paramref name="messageType"/> (text or a media type) in a random conversation of a random customer.</summary>
    public (long Id, ChatRecord Record, Conversation Conversation) NewInboundMessage(string messageType, long second, string text) =>
        Build(random.Pick(random.Pick(Customers).Conversations), ChatInbound, messageType, template: null, second, text);

    /// <summary>An outbound template message of a campaign.</summary>
    public (long Id, ChatRecord Record, Conversation Conversation) NewCampaignMessage(Customer customer, ChatRecordTemplate template, long second, string text) =>
        Build(random.Pick(customer.Conversations), ChatOutbound, MessageTypes.Template, template, second, text);

    private (long Id, ChatRecord Record, Conversation Conversation) Build(
        Conversation conversation, int chatType, string messageType, ChatRecordTemplate? template, long second, string text)
    {
        var id = idBase + (created++ * 4096) + random.Next(4096);
        var customer = conversation.Customer;
        var inbound = chatType == ChatInbound;
        var record = new ChatRecord
        {
            Id = id.ToString(CultureInfo.InvariantCulture),
            Channel = 2,
            ConversationId = conversation.Id,
            UserChannelId = conversation.BusinessNumber,
            From = inbound ? customer.Phone : conversation.BusinessNumber,
            To = inbound ? conversation.BusinessNumber : customer.Phone,
            CustomerId = customer.Id,
            CustomerName = customer.Name,
            AgentId = conversation.Agent.Id,
            AgentName = conversation.Agent.Name,
            AgentAccount = conversation.Agent.Account,
            ChatType = chatType,
            MessageType = messageType,
            TenantId = tenantId,
            Status = chatType == ChatOutbound ? MessageTypes.Sent : null,
            Template = template,
            CreatedAt = text,
            UpdatedAt = text,
        };

        if (chatType == ChatSystem)
        {
            record.Content = string.Format(CultureInfo.InvariantCulture, random.Pick(SampleText.SystemTexts), conversation.Agent.Name);
            return (id, record, conversation);
        }

        record.MessageId = NewMessageId(customer.Phone, inbound);
        if (messageType == MessageTypes.Text)
        {
            record.Content = random.Pick(inbound ? SampleText.InboundTexts : SampleText.OutboundTexts);
        }
        else if (MessageTypes.IsMedia(messageType))
        {
            var (fileName, mimeType) = random.Pick(MediaSamples.For(messageType));
            record.FileName = fileName;
            record.MimeType = mimeType;
            record.MediaLink = links.Relative(id, fileName, second + mediaLifetimeSeconds);
            record.Content = random.Next(10) < 3 ? random.Pick(SampleText.Captions) : null;
        }
        else if (TemplateHeaderMedia.Of(template) is var (headerFile, headerType, _))
        {
            // No random draw: header media does not shift the seeded sequence, so every other generated value is the same with or without it.
            record.FileName = headerFile;
            record.MimeType = headerType;
            record.MediaLink = links.Relative(id, headerFile, second + mediaLifetimeSeconds);
        }

        if (conversation.MessageIds.Count > 0 && random.Next(100) < 15)
        {
            record.Context = random.Pick(conversation.MessageIds);
        }

        conversation.Remember(record.MessageId);
        return (id, record, conversation);
    }

    private Customer NewCustomer(int index)
    {
        var id = (1_184_532_470_154_289_152 + (index * 1_048_576L) + random.Next(1_000)).ToString(CultureInfo.InvariantCulture);
        var phone = random.Pick(SampleText.CustomerPhonePrefixes) + random.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var customer = new Customer(id, phone, NewCustomerName());
        var conversations = random.Next(1, 3);
        for (var i = 0; i < conversations; i++)
        {
            var conversationId = Convert.ToHexStringLower(RandomBytes(8));
            customer.Conversations.Add(new Conversation(conversationId, customer, random.Pick(SampleText.BusinessNumbers), random.Pick(SampleText.Agents)));
        }

        return customer;
    }

    // Shaped like WhatsApp's: a protobuf-ish prefix, the customer's number, a direction byte and a random hex id.
    private string NewMessageId(string phone, bool inbound)
    {
        var bytes = new List<byte> { 0x1C, 0x18, (byte)phone.Length };
        bytes.AddRange(Encoding.ASCII.GetBytes(phone));
        bytes.AddRange([0x15, 0x02, 0x00, inbound ? (byte)0x12 : (byte)0x11, 0x18, 0x14]);
        bytes.AddRange(Encoding.ASCII.GetBytes(Convert.ToHexString(RandomBytes(10))));
        bytes.Add(0x00);
        return "wamid." + Convert.ToBase64String([.. bytes]);
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
