import Dashboard
import Foundation
import Reconcile
import Wire

/// The fixed "now" of the planner tests: instances created before `old` are past any grace.
let now = Date(timeIntervalSince1970: 1_000_000)
let old: Int64 = 1_000_000 - 10_000
let fresh = Freshness(connected: true, relistedSinceReconnect: true)

func appSpec(appname: String = "web") -> AppSpec {
    var entry = EntrypointSpec()
    entry.cmd = "run server"
    return AppSpec(appname: appname, entrypoints: ["api": entry])
}

func replicaSet(_ replicas: Int, labels: [String: String] = [:], grace: Double = 120) -> ReplicaSetSpec {
    var settings = DeploySettings()
    settings.labels = labels
    return ReplicaSetSpec(
        appname: "web", entrypoint: "api", replicas: replicas, podname: "pod", image: "img:1",
        app: appSpec(), settings: settings, startupGrace: grace
    )
}

enum Health {
    case ready, unhealthy, stopped, unknown
}

/// A row of `web_api` with the given health.
func row(
    _ id: String, _ health: Health = .ready, node: String = "n1", created: Int64 = old,
    labels: [String: String] = [:], name: String = "web_api_x"
) -> WorkloadRow {
    var status: WorkloadStatus?
    if health != .unknown {
        var s = WorkloadStatus()
        s.id = id
        s.running = health != .stopped
        s.healthy = health == .ready
        status = s
    }
    return WorkloadRow(id: id, name: name, nodename: node, labels: labels, createTime: created, status: status)
}
