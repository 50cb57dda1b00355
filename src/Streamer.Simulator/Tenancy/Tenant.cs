using Streamer.Simulator.Generation;
using Streamer.Simulator.Store;

namespace Streamer.Simulator.Tenancy;

/// <summary>
/// One tenant: its store and ground truth, its seeded changer (Seed + index), its generator, and its live traffic
/// and churn (each a task only while it runs). About a kilobyte plus its customers and records.
/// </summary>
internal sealed class Tenant
{
    public Tenant(int index, TimestampField filterOn, ChangeJournal? journal, TenantServices services)
    {
        var options = services.Options;
        var settings = options.Value;
        Index = index;
        Store = new RecordStore(options, index, filterOn, journal);
        var factory = new MessageFactory(
            new Random(unchecked(settings.Seed + index)),
            settings,
            services.Links,
            services.Directory.Credentials(index).TenantId,
            TenantDirectory.RecordIdBase(index),
            index == 0 ? MessageFactory.DefaultCustomers : settings.TenantCustomers);
        Changer = new RecordChanger(Store, services.Clock, options, factory);
        Generator = new TrafficGenerator(Store, services.Clock, options, Changer);
        Traffic = new LiveTraffic(Generator, services.Clock, options, services.TrafficLogger, index);
        Churn = new Churn(Store, Changer, services.Clock, options, services.ChurnLogger, index);
    }

    public int Index { get; }

    public RecordStore Store { get; }

    public RecordChanger Changer { get; }

    public TrafficGenerator Generator { get; }

    public LiveTraffic Traffic { get; }

    public Churn Churn { get; }

    public Task StopAsync() => Task.WhenAll(Traffic.StopAsync(), Churn.StopAsync());
}
