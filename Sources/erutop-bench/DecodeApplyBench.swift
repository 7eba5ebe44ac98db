import Dashboard
import ErutopApp
import Foundation
import Wire

/// Figure 1: status messages decoded and applied to the dashboard's table model per second,
/// on one thread (the feed decodes, the UI thread applies; here one thread does both).
enum DecodeApplyBench {
    /// Events are applied in batches, as the dashboard drains its inbox; at these rates one
    /// 33 ms frame gathers thousands, so 100 is on the conservative side.
    static let batch = 100

    static func run(into report: inout Report, quick: Bool) throws {
        let mix = StatusMix(rows: 10_000, messages: quick ? 20_000 : 100_000)
        var best = 0.0
        for _ in 0..<(quick ? 1 : 3) {
            best = max(best, try pass(mix))
        }
        report.add(Figure("1 decode+apply", "messages/s, one core (10k rows, \(Int(mix.meanBytes)) B/msg)", best, "msg/s",
                          target: .atLeast(500_000)))
    }

    /// One timed pass over the whole mix, from a freshly listed table; returns messages/s.
    private static func pass(_ mix: StatusMix) throws -> Double {
        var state = DashboardState(address: "bench", filters: Filters())
        _ = state.apply([.subscribed(generation: 1), .listed(generation: 1, workloads: mix.listing, Date()), .connection(.live)])
        var messages: [StatusUpdate] = []
        messages.reserveCapacity(batch)
        let elapsed = try ThreadCPU.seconds {
            // As `FeedController.follow` does: a burst decoded, then posted as one event.
            for bytes in mix.messages {
                messages.append(try StatusUpdate(wire: bytes))
                if messages.count == batch {
                    _ = state.apply([.messages(generation: 1, messages, Date())])
                    messages.removeAll(keepingCapacity: true)
                }
            }
            _ = state.apply([.messages(generation: 1, messages, Date())])
        }
        return Double(mix.messages.count) / elapsed
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    var milliseconds: Double { seconds * 1000 }
}
