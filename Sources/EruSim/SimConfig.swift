/// Knobs of a simulated core. Every default suits the `--demo` dashboard.
public struct SimConfig: Sendable {
    /// Seed of every random choice (IDs, names, IPs, churn).
    public var seed: UInt64 = 1
    /// Delay between a workload's creation and its first status report (running, not healthy),
    /// and again between that report and `healthy=true`.
    public var createDelay: Duration = .seconds(1)
    /// Status changes per second made by the churn generator; 0 turns it off.
    public var churnRate: Double = 0
    /// The pod all simulated nodes belong to.
    public var podname = "pod-1"
    /// Number of nodes, named `node-1` … `node-N`.
    public var nodeCount = 4
    /// Workload slots per node; CreateWorkload plans fail once they are used up.
    public var nodeCapacity = 100
    /// Unix time (seconds) of the simulation's start; `createTime` counts from it.
    public var epoch: Int64 = 1_700_000_000

    public init() {}
}
