import Foundation
import Synchronization

/// Counts messages as they arrive and remembers the first and the last arrival, so a rate
/// covers only the time messages were flowing.
final class Arrivals: Sendable {
    private struct Tally {
        var count = 0
        var first: ContinuousClock.Instant?
        var last: ContinuousClock.Instant?
    }

    private let tally = Mutex(Tally())
    private let started = ContinuousClock.now

    func record(_ count: Int = 1, at now: ContinuousClock.Instant = .now) {
        tally.withLock { tally in
            tally.count += count
            if tally.first == nil { tally.first = now }
            tally.last = now
        }
    }

    var count: Int { tally.withLock { $0.count } }

    /// Messages per second between the first and the last arrival.
    var rate: Double {
        tally.withLock { tally in
            guard let first = tally.first, let last = tally.last, last > first else { return 0 }
            return Double(tally.count - 1) / (last - first).seconds
        }
    }

    /// True once messages came and then none for `idle`, or `limit` passed since creation.
    func quiet(for idle: Duration, limit: Duration) -> Bool {
        let now = ContinuousClock.now
        if now - started > limit { return true }
        return tally.withLock { tally in tally.last.map { now - $0 > idle } ?? false }
    }
}
