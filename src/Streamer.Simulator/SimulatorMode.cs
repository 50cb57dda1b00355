namespace Streamer.Simulator;

/// <summary>What the simulator does with its store at start-up.</summary>
public enum SimulatorMode
{
    /// <summary>Start empty; traffic only through the control endpoints.</summary>
    Idle,

    /// <summary>Generate <see cref="SimulatorOptions.BacklogChanges"/> changes spread over the past <see cref="SimulatorOptions.BacklogSpan"/>.</summary>
    Backlog,

    /// <summary>Generate changes continuously at <see cref="SimulatorOptions.LiveRate"/>.</summary>
    Live,

    /// <summary>Serve the document's five example records.</summary>
    Fixtures,
}
