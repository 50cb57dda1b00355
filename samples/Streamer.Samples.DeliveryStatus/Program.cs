using Streamer.Samples.DeliveryStatus;

// A CRM's delivery-status service: the latest WhatsApp delivery status of every message, in SQLite.
await DeliveryStatusHost.Build(args).RunAsync();
