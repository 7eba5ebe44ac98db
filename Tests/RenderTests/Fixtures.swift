import Dashboard
import Foundation
import Reconcile
import Render
import Wire

/// Rows and frames shared by the renderer tests.
enum Fixture {
    static let now = Date(timeIntervalSince1970: 1_714_566_896)  // 2024-05-01 12:34:56 UTC

    static func status(running: Bool, healthy: Bool, networks: [String: String] = [:], ext: String = "")
        -> WorkloadStatus
    {
        var status = WorkloadStatus()
        status.id = "x"
        status.running = running
        status.healthy = healthy
        status.networks = networks
        status.extension = Array(ext.utf8)
        return status
    }

    static let rows: [WorkloadRow] = [
        WorkloadRow(
            id: "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f91", name: "web_api_x7k2",
            podname: "prod", nodename: "node-1", image: "registry.local/web:1.4",
            labels: ["tier": "front", "team": "core"], publish: ["bridge": "10.0.0.5:8080"],
            createTime: 1_714_560_000, env: ["PORT=8080", "MODE=prod"],
            status: status(running: true, healthy: true, networks: ["bridge": "10.0.0.5"], ext: #"{"b":2,"a":"x"}"#),
            lastChange: now.addingTimeInterval(-75)),
        WorkloadRow(
            id: "00000000000000000000000000000000000000000000000000000000000cafe1", name: "web_worker_q9",
            nodename: "node-2",
            status: status(running: true, healthy: false, networks: ["host": "10.0.0.6", "bridge": "172.17.0.2"])),
        WorkloadRow(id: "00000000000000000000000000000000000000000000000000000000000beef2", name: "db_main_p1",
                    nodename: "node-1", status: status(running: false, healthy: false, ext: "plain text")),
        WorkloadRow(id: "00000000000000000000000000000000000000000000000000000000000dead3", name: "cache_redis_r4",
                    nodename: "node-3"),
    ]

    static let helpLines: [(key: String, action: String)] = [
        ("?", "show this help"), ("q", "quit"), ("/", "search"), ("a", "filter by app"),
        ("e", "filter by entrypoint"), ("n", "filter by node"), ("l", "filter by labels"), ("c", "clear filters"),
        ("⏎", "workload details"), ("s", "change sort"),
    ]

    static func frame(rows: [WorkloadRow] = rows, selected: Int? = 0, screen: Screen = .table) -> DashboardFrame {
        DashboardFrame(
            address: "127.0.0.1:5001", connection: .live, counts: StatusCounts(rows), rows: rows,
            sortDescription: "name↑", selectedIndex: selected, screen: screen, helpLines: helpLines, now: now)
    }

    /// A set on target, one converging with a create in flight, one failing and backing off.
    static let replicaSets: [ReplicaSetLine] = {
        var web = SetSummary(desired: 3)
        web.ready = 3
        var worker = SetSummary(desired: 4)
        worker.ready = 2
        worker.starting = 1
        worker.stopped = 1
        worker.inFlightCreates = 1
        var db = SetSummary(desired: 2)
        db.ready = 1
        db.unhealthy = 1
        db.backoff.recordFailure("no capacity", now: now.addingTimeInterval(-20))
        db.backoff.recordFailure("no capacity on pod prod", now: now.addingTimeInterval(-3))
        return [
            ReplicaSetLine(name: "demo/web", summary: web),
            ReplicaSetLine(name: "demo/worker", summary: worker),
            ReplicaSetLine(name: "demo/db", summary: db),
        ]
    }()

    /// `count` sets named `app<i>/web`, each on target.
    static func manySets(_ count: Int) -> [ReplicaSetLine] {
        (0..<count).map { index in
            var summary = SetSummary(desired: 1)
            summary.ready = 1
            return ReplicaSetLine(name: "app\(index)/web", summary: summary)
        }
    }

    /// The reconcile preview with `count` removal lines after a create and a refusal.
    static func planDialog(removals count: Int = 2, offset: Int = 0) -> Dialog {
        let removals = (0..<count).map {
            DialogLine("demo/worker: remove 00cafe\($0) on node-2 (newest)", tone: .warning)
        }
        return Dialog(
            title: "reconcile plan",
            lines: [DialogLine("demo/web: create 1 in prod from registry.local/web:1.4", tone: .good)] + removals
                + [DialogLine("demo/db: backing off 7s (no capacity on pod prod)", tone: .bad)],
            footer: "y execute   esc cancel (default)", offset: offset)
    }
}
