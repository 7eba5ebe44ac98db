import Foundation
import Wire

/// Realistic Eru records for the in-process figures: a 64-hex ID, six labels, one network and
/// an extension JSON object of about 200 bytes, spread over a few apps and nodes.
struct SampleWorkloads {
    private var rng: SplitMix

    init(seed: UInt64) {
        rng = SplitMix(state: seed)
    }

    static let apps = ["billing", "search", "auth", "demo", "ledger", "gateway"]
    static let entrypoints = ["web", "worker", "api", "cron"]

    /// A new workload record with a running, healthy status.
    mutating func workload() -> Workload {
        var workload = Workload()
        workload.id = hexID()
        let app = Self.apps[rng.below(Self.apps.count)]
        let entry = Self.entrypoints[rng.below(Self.entrypoints.count)]
        let node = "node-\(rng.below(200))"
        workload.name = "\(app)_\(entry)_\(hex(6))"
        workload.nodename = node
        workload.podname = "pod-\(rng.below(4))"
        workload.image = "registry.local/\(app):v\(rng.below(9))"
        workload.labels = [
            "eru": "1", "version": "v\(rng.below(9))", "zone": "z\(rng.below(3))",
            "team": "team-\(rng.below(20))", "tier": entry == "web" ? "front" : "back",
            "ERU_META": "{\"Publish\":[\"8080\"]}",
        ]
        workload.createTime = 1_700_000_000 + Int64(rng.below(3_000_000))
        workload.env = ["APP=\(app)"]
        workload.status = status(for: workload, running: true, healthy: true)
        return workload
    }

    /// A status report for `workload`: one network while running, none when stopped.
    mutating func status(for workload: Workload, running: Bool, healthy: Bool) -> WorkloadStatus {
        var status = WorkloadStatus()
        status.id = workload.id
        status.running = running
        status.healthy = running && healthy
        if running { status.networks = ["calico": "10.\(rng.below(256)).\(rng.below(256)).\(rng.below(256))"] }
        status.extension = extensionJSON()
        return status
    }

    /// About 200 bytes of agent extension JSON.
    mutating func extensionJSON() -> [UInt8] {
        let text = """
            {"healthcheck":{"checked_at":\(1_700_000_000 + rng.below(3_000_000)),"status":"passing",\
            "latency_ms":\(rng.below(900))},"restarts":\(rng.below(5)),"cpu_pct":\(rng.below(100)),\
            "mem_mb":\(rng.below(4096)),"owner":"team-\(rng.below(20))","commit":"\(hex(12))"}
            """
        return Array(text.utf8)
    }

    mutating func hexID() -> String { hex(64) }

    private mutating func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<count).map { _ in digits[rng.below(16)] })
    }

    mutating func below(_ bound: Int) -> Int { rng.below(bound) }
}

/// A small deterministic generator, so every run measures the same messages.
struct SplitMix {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
