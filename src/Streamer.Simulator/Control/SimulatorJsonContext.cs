using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>Source-generated JSON of the control endpoints (the chat records use NxlinkJsonContext).</summary>
[JsonSerializable(typeof(ChangesPage))]
[JsonSerializable(typeof(SimStats))]
[JsonSerializable(typeof(TrafficRequest))]
[JsonSerializable(typeof(TrafficStatus))]
[JsonSerializable(typeof(BacklogRequest))]
[JsonSerializable(typeof(BadRecordsRequest))]
[JsonSerializable(typeof(BadRecordsResult))]
[JsonSerializable(typeof(BacklogResult))]
[JsonSerializable(typeof(FaultSettings))]
[JsonSerializable(typeof(MediaDigest))]
[JsonSerializable(typeof(ChurnRequest))]
[JsonSerializable(typeof(ChurnStatus))]
[JsonSerializable(typeof(HostileRequest))]
[JsonSerializable(typeof(HostileResult))]
[JsonSerializable(typeof(ClockRequest))]
[JsonSerializable(typeof(ClockStatus))]
[JsonSerializable(typeof(FilterRequest))]
[JsonSerializable(typeof(FilterStatus))]
[JsonSerializable(typeof(TenantList))]
public sealed partial class SimulatorJsonContext : JsonSerializerContext;
