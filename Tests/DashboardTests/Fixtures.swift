import Foundation
import Wire

@testable import Dashboard

/// Builders for stream messages and workloads, shaped like eru-core sends them.
enum Fixture {
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    static func id(_ n: Int) -> String {
        String(repeating: "0", count: 57) + String(format: "%07d", n)
    }

    static func status(running: Bool, healthy: Bool, id: String, ip: String? = nil) -> WorkloadStatus {
        var status = WorkloadStatus()
        status.id = id
        status.running = running
        status.healthy = healthy
        if let ip { status.networks = ["calico": ip] }
        return status
    }

    static func workload(
        _ n: Int, app: String = "demo", entry: String = "web", node: String = "node-1",
        labels: [String: String] = [:], status: WorkloadStatus? = nil
    ) -> Workload {
        var workload = Workload()
        workload.id = id(n)
        workload.name = "\(app)_\(entry)_abc\(n)"
        workload.nodename = node
        workload.podname = "pod"
        workload.labels = labels
        workload.status = status ?? WorkloadStatus()
        return workload
    }

    /// A status change: the workload re-read with its current status.
    static func change(_ workload: Workload, running: Bool, healthy: Bool) -> WorkloadStatusStreamMessage {
        var message = WorkloadStatusStreamMessage()
        message.id = workload.id
        message.workload = workload
        message.status = status(running: running, healthy: healthy, id: workload.id)
        return message
    }

    /// The workload was removed: its lookup fails and the event was a delete.
    static func removed(_ n: Int) -> WorkloadStatusStreamMessage {
        var message = WorkloadStatusStreamMessage()
        message.id = id(n)
        message.error = "key: /workloads/\(id(n)): bad `Count` value, entity count invalid"
        message.delete = true
        return message
    }

    /// The status key expired (TTL) while the workload still exists.
    static func expired(_ workload: Workload) -> WorkloadStatusStreamMessage {
        var message = WorkloadStatusStreamMessage()
        message.id = workload.id
        var bare = workload
        bare.status = WorkloadStatus()
        bare.publish = [:]
        message.workload = bare
        message.status = WorkloadStatus()
        message.delete = true
        return message
    }
}
