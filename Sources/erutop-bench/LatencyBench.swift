import Curses
import Foundation

/// Figure 5: from a status change in erusim (the send time it stamps into the extension,
/// CLOCK_MONOTONIC) to the flush of the first frame that includes it, through the dashboard's
/// own data path with frames coalesced at `DashboardLoop.frameInterval`, at 10k events/s.
enum LatencyBench {
    static let rate = 10_000

    static func run(_ options: BenchOptions, into report: inout Report) async throws {
        let seconds = options.quick ? 3 : 10
        let sim = try SimProcess(options, name: "latency", arguments: ["--workloads", "10000"])
        defer { sim.stop() }
        let terminal = try Terminal.openHeadless(rows: RenderBench.screen.rows, cols: RenderBench.screen.cols)
        defer { terminal.close() }

        let control = sim.control
        let arrivals = Arrivals()
        var loader: Task<Void, Error>?
        var latencies: [Double] = []
        latencies.reserveCapacity(rate * seconds)
        try HeadlessDashboard(address: sim.address, terminal: terminal).run(
            onMessages: { count, at in arrivals.record(count, at: at) },
            onFrame: { frame in
                if frame.live, loader == nil {
                    loader = Task { try await control("load \(rate) \(seconds) stamp") }
                }
                for message in frame.messages {
                    guard let stamp = Stamp.nanoseconds(in: message.status?.extension ?? []) else { continue }
                    latencies.append(Double(frame.flushedAt &- stamp) / 1e6)
                }
            },
            finished: { loader != nil && arrivals.quiet(for: .seconds(1), limit: .seconds(seconds * 6)) })
        try await loader?.value
        guard !latencies.isEmpty else { throw BenchError("no stamped message reached the screen") }
        let label = "\(rate / 1000)k events/s, \(latencies.count) changes"
        report.add(Figure("5 latency", "p50, \(label)", percentile(latencies, 0.5), "ms"))
        report.add(Figure("5 latency", "p99, \(label)", percentile(latencies, 0.99), "ms", target: .atMost(50)))
        report.add(Figure("5 latency", "delivered rate", arrivals.rate, "msg/s"))
    }
}

/// The send time erusim's load writes at the start of the extension: `{"t":"` and 20 digits.
enum Stamp {
    static let prefix = Array("{\"t\":\"".utf8)
    static let digits = 20

    static func nanoseconds(in bytes: [UInt8]) -> UInt64? {
        guard bytes.count >= prefix.count + digits, bytes.starts(with: prefix) else { return nil }
        var value: UInt64 = 0
        for byte in bytes[prefix.count..<prefix.count + digits] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
