import Wire

/// A simulated Eru core: cluster state, the read RPCs' semantics, and a virtual clock.
///
/// Time only moves through `advance(by:)`, so tests are deterministic; `SimServer` drives it
/// from the wall clock. All randomness comes from `config.seed`.
public actor SimCore {
    let config: SimConfig
    var rng: SimRandom
    /// `eru.coreid` and `CoreInfo.identifier`.
    let coreID: String
    var nodes: [SimNode]
    var workloads = WorkloadStore()
    /// Virtual time since the simulation started.
    public internal(set) var now: Duration = .zero
    var timers: [Timer] = []
    var timerSequence = 0
    var churnRate: Double
    var churnCarry = 0.0
    var subscribers: [Int: Subscriber] = [:]
    var nextSubscriberID = 0
    /// Pending injected failures per method.
    var failures: [SimMethod: Int] = [:]
    /// Closed while the core is frozen; the gRPC binding waits on it before answering.
    nonisolated let freezeGate = FreezeGate()
    /// Counts freezes, so that the thaw timer of an earlier freeze leaves a later one alone.
    var freezeGeneration = 0
    /// An outage the control command planned and the server has yet to carry out.
    var pendingOutage: OutagePlan?
    /// True while the server is down for an outage: virtual time stands still.
    public internal(set) var isInOutage = false
    /// The running or finished load, and one requested to start with the first status stream.
    var load: LoadRun?
    var loadOnFirstStream: LoadRequest?
    /// Sent-message counters of every status stream ever opened, by stream ID.
    var streamCounters: [Int: StreamCounter] = [:]

    public init(config: SimConfig = SimConfig()) {
        self.config = config
        var rng = SimRandom(seed: config.seed)
        coreID = rng.hexID()
        self.rng = rng
        churnRate = config.churnRate
        nodes = (1...max(1, config.nodeCount)).map { index in
            SimNode(
                name: "node-\(index)", podname: config.podname,
                labels: ["zone": "z\((index - 1) % 2 + 1)"], capacity: config.nodeCapacity)
        }
    }

    /// `/pb.CoreRPC/Info`.
    public func info() throws(SimError) -> CoreInfo {
        try consumeFailure(.info)
        var info = CoreInfo()
        info.version = "erusim"
        info.revision = "sim"
        info.buildAt = "unknown"
        info.golangVersion = "none"
        info.osArch = "linux/amd64"
        info.identifier = coreID
        return info
    }

    /// `/pb.CoreRPC/ListWorkloads`: prefix filter with the app → entry → node hierarchy,
    /// `limit` applied before the label filter, results in deploy-key order (eru-api.md §5).
    /// Returns each `Workload` message encoded, ready to send.
    public func listWorkloads(_ options: ListWorkloadsOptions) throws(SimError) -> [[UInt8]] {
        try consumeFailure(.listWorkloads)
        let prefix = keyPrefix(
            "deploy", appname: options.appname, entrypoint: options.entrypoint, nodename: options.nodename)
        var matching = workloads.entries(withKeyPrefix: prefix)
        if options.limit > 0 { matching = matching.prefix(Int(options.limit)) }
        var messages: [[UInt8]] = []
        messages.reserveCapacity(matching.count)
        for entry in matching {
            // Without a label filter, the record itself need not be read at all.
            if !options.labels.isEmpty, !labelsMatch(options.labels, workloads[entry.id]?.labels ?? [:]) {
                continue
            }
            if let message = workloads.listing(of: entry.id) { messages.append(message) }
        }
        return messages
    }

    /// `/pb.CoreRPC/GetWorkloadsStatus`: request order, all-empty status for workloads that
    /// never reported, and the first unknown ID fails the whole call.
    public func getWorkloadsStatus(_ ids: WorkloadIDs) throws(SimError) -> WorkloadsStatus {
        try consumeFailure(.getWorkloadsStatus)
        var reply = WorkloadsStatus()
        for id in ids.ids {
            guard let workload = workloads[id] else {
                throw SimError(code: EruCode.getWorkloadsStatus, message: EruText.missingWorkload(id))
            }
            reply.status.append(workload.status ?? WorkloadStatus())
        }
        return reply
    }

    /// Throws the injected failure for `method` if one is pending, and counts it down.
    func consumeFailure(_ method: SimMethod) throws(SimError) {
        guard let left = failures[method], left > 0 else { return }
        failures[method] = left - 1
        throw SimError(code: method.failureCode, message: "erusim: injected failure")
    }
}

/// The RPCs whose next calls can be made to fail (`fail METHOD N`).
enum SimMethod: String, CaseIterable, Sendable {
    case info = "Info"
    case listWorkloads = "ListWorkloads"
    case workloadStatusStream = "WorkloadStatusStream"
    case getWorkloadsStatus = "GetWorkloadsStatus"
    case createWorkload = "CreateWorkload"
    case removeWorkload = "RemoveWorkload"

    /// The code the method's failures carry upstream. A failed status stream looks like a
    /// transport error, and Info has no wrapping code.
    var failureCode: Int32 {
        switch self {
        case .info: EruCode.unknown
        case .listWorkloads: EruCode.listWorkloads
        case .workloadStatusStream: EruCode.unavailable
        case .getWorkloadsStatus: EruCode.getWorkloadsStatus
        case .createWorkload: EruCode.createWorkload
        case .removeWorkload: EruCode.removeWorkload
        }
    }
}
