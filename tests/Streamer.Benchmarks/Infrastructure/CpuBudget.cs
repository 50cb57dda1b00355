namespace Streamer.Benchmarks.Infrastructure;

/// <summary>
/// CPU time of the parties of one measurement (this process, the broker, optionally the worker) and of the
/// machine. On two shared cores a figure is bounded by the CPU each message costs all of them together.
/// </summary>
public sealed class CpuBudget
{
    private readonly CpuMeter machine = new();
    private readonly CpuMeter self = new(Environment.ProcessId);
    private readonly CpuMeter? broker = BrokerProcess.Find() is { } pid ? new CpuMeter(pid) : null;
    private CpuMeter? worker;

    /// <summary>Starts counting the worker's CPU time too.</summary>
    public void AddWorker(int pid) => worker = new CpuMeter(pid);

    /// <summary>Reads the counters now.</summary>
    public CpuReading Read() => new(machine.MachineBusy(), self.ProcessSeconds(), broker?.ProcessSeconds(), worker?.ProcessSeconds());
}
