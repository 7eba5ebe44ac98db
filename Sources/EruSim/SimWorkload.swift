import Wire

/// One simulated node.
struct SimNode: Sendable {
    var name: String
    var podname: String
    var labels: [String: String]
    var capacity: Int
}

/// One workload record plus its stored status, as the core's store would hold them. The parts
/// of the deploy key never change, which keeps `WorkloadStore`'s order valid.
struct SimWorkload: Sendable {
    let id: String
    let appname: String
    let entrypoint: String
    let nodename: String
    var podname: String
    var ident: String
    var image: String
    /// User labels plus the system labels.
    var labels: [String: String]
    /// Container ports from the entrypoint's `publish` (`"80/http"` keeps `80`).
    var publishPorts: [String]
    var env: [String]
    var resources: String
    var createTime: Int64
    /// The network the agent reports, and the address the container has on it.
    var networkName: String
    var ip: String
    /// The stored status, or nil when the agent has not reported yet.
    var status: WorkloadStatus?
    /// Status `extension` bytes to report instead of the labels JSON (hostile fixtures).
    var rawExtension: [UInt8]? = nil

    /// `<app>_<entry>_<ident>`.
    var name: String { "\(appname)_\(entrypoint)_\(ident)" }

    /// The deploy key; ListWorkloads returns workloads in the byte order of these keys.
    var deployKey: String { "/deploy/\(appname)/\(entrypoint)/\(nodename)/\(id)" }

    /// The parts of the deploy key, in key order.
    var keyParts: (String, String, String, String) { (appname, entrypoint, nodename, id) }

    /// The status key; WorkloadStatusStream filters on its prefix.
    var statusKey: String { "/status/\(appname)/\(entrypoint)/\(nodename)/\(id)" }

    /// The status a running agent reports for this workload.
    func runningStatus(healthy: Bool) -> WorkloadStatus {
        var status = WorkloadStatus()
        status.id = id
        status.running = true
        status.healthy = healthy
        status.networks = [networkName: ip]
        status.extension = statusExtension
        return status
    }

    /// The status the agent reports once the container died.
    func stoppedStatus() -> WorkloadStatus {
        var status = WorkloadStatus()
        status.id = id
        status.extension = statusExtension
        return status
    }

    /// What the agent stores in `extension`: the container's user labels as a JSON object,
    /// unless `rawExtension` overrides it.
    var statusExtension: [UInt8] {
        rawExtension ?? Array(jsonObject(userLabels).utf8)
    }

    /// The labels without the system ones.
    var userLabels: [String: String] {
        labels.filter { !SystemLabel.all.contains($0.key) }
    }

    /// The record as the API returns it: current status bound (all-empty when none) and
    /// `publish` computed from the status networks.
    func bound() -> Workload {
        var workload = Workload()
        workload.id = id
        workload.podname = podname
        workload.nodename = nodename
        workload.name = name
        workload.labels = labels
        workload.image = image
        workload.status = status ?? WorkloadStatus()
        workload.publish = publish(networks: status?.networks ?? [:])
        workload.createTime = createTime
        workload.env = env
        workload.resources = resources
        return workload
    }

    /// Network name → `"ip:port,ip:port"`, with no entry for a network when there are no ports.
    func publish(networks: [String: String]) -> [String: String] {
        guard !publishPorts.isEmpty else { return [:] }
        return networks.mapValues { ip in publishPorts.map { "\(ip):\($0)" }.joined(separator: ",") }
    }
}

/// The system labels the core stamps on every workload.
enum SystemLabel {
    static let eru = "ERU"
    static let meta = "ERU_META"
    static let nodename = "eru.nodename"
    static let coreID = "eru.coreid"
    static let all: Set<String> = [eru, meta, nodename, coreID]

    /// The system labels for a workload on `nodename` with the given published ports.
    static func labels(nodename: String, coreID: String, publishPorts: [String]) -> [String: String] {
        let ports = publishPorts.isEmpty
            ? "null" : "[" + publishPorts.map(jsonString).joined(separator: ",") + "]"
        return [
            eru: "1",
            meta: "{\"Publish\":\(ports),\"HealthCheck\":null}",
            SystemLabel.nodename: nodename,
            SystemLabel.coreID: coreID,
        ]
    }
}

/// True when every requested label exists on `labels` with the identical value (§4.3).
func labelsMatch(_ requested: [String: String], _ labels: [String: String]) -> Bool {
    requested.allSatisfy { labels[$0.key] == $0.value }
}

/// The etcd-style key prefix for a filter: `entrypoint` counts only with `appname`, and
/// `nodename` only with `entrypoint` (§4.2, §9.3).
func keyPrefix(_ root: String, appname: String, entrypoint: String, nodename: String) -> String {
    var parts = [root]
    if !appname.isEmpty {
        parts.append(appname)
        if !entrypoint.isEmpty {
            parts.append(entrypoint)
            if !nodename.isEmpty { parts.append(nodename) }
        }
    }
    return "/" + parts.joined(separator: "/") + "/"
}

/// Bytewise key order, as etcd sorts keys.
func keyPrecedes(_ lhs: String, _ rhs: String) -> Bool {
    lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
}

/// A flat JSON object of strings with sorted keys.
func jsonObject(_ values: [String: String]) -> String {
    let pairs = values.sorted { keyPrecedes($0.key, $1.key) }.map { "\(jsonString($0.key)):\(jsonString($0.value))" }
    return "{" + pairs.joined(separator: ",") + "}"
}

/// `text` as a quoted JSON string.
func jsonString(_ text: String) -> String {
    if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
        return "\"" + text + "\""
    }
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"", "\\":
            out += "\\" + String(scalar)
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default:
            out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
