@testable import EruSim
import Wire

/// A workload to put in a test cluster: `app/entry/node` plus user labels.
struct Spec {
    var path: String
    var labels: [String: String] = [:]

    init(_ path: String, _ labels: [String: String] = [:]) {
        self.path = path
        self.labels = labels
    }
}

/// A core with three nodes and the given workloads (each running and healthy), plus their IDs
/// in spec order.
func makeCore(_ specs: [Spec], configure: (inout SimConfig) -> Void = { _ in }) async -> (SimCore, [String]) {
    var config = SimConfig()
    config.nodeCount = 3
    configure(&config)
    let core = SimCore(config: config)
    var ids: [String] = []
    for spec in specs {
        let parts = spec.path.split(separator: "/").joined(separator: " ")
        let labels = spec.labels.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        ids.append(await core.execute("add \(parts) \(labels)"))
    }
    return (core, ids)
}

/// `app/entry/node` of a listed workload.
func path(_ workload: Workload) -> String {
    let parts = workload.name.split(separator: "_")
    return "\(parts[0])/\(parts[1])/\(workload.nodename)"
}

/// Ends every open stream of `core` and returns what `subscription` received before that.
func drain(_ subscription: StatusSubscription, of core: SimCore) async -> [WorkloadStatusStreamMessage] {
    _ = await core.execute("end-streams")
    var messages: [WorkloadStatusStreamMessage] = []
    for await event in subscription.events {
        if case .message(let message) = event { messages.append(message) }
    }
    return messages
}

/// Stream options from the usual four filter fields.
func streamOptions(
    _ appname: String = "", _ entrypoint: String = "", _ nodename: String = "", labels: [String: String] = [:]
) -> WorkloadStatusStreamOptions {
    var options = WorkloadStatusStreamOptions()
    options.appname = appname
    options.entrypoint = entrypoint
    options.nodename = nodename
    options.labels = labels
    return options
}

extension SimCore {
    /// Edits a stored record directly, for fixtures the public API cannot build.
    func editForTest(_ id: String, _ edit: (inout SimWorkload) -> Void) {
        workloads.update(id, edit)
    }
}

extension SimCore {
    /// ListWorkloads with its messages decoded.
    func listed(_ options: ListWorkloadsOptions = ListWorkloadsOptions()) throws -> [Workload] {
        try listWorkloads(options).map { try Workload(wire: $0) }
    }
}
