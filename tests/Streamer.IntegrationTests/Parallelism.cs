// Three isolated broker collections run at once (BrokerCollection, SecondBrokerCollection, ThirdBrokerCollection):
// xunit's default of one running test per core would hold the third back on a two-core machine. The
// outbox tests of the third spend most of their time waiting through a broker outage; the collection that
// must run alone (BrokerOutageCollection) still runs after all of them.
[assembly: CollectionBehavior(MaxParallelThreads = 3)]
