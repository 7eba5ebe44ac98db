import Foundation

/// Creations and removals erutop has asked for but not yet seen land, so that planning counts
/// them and a second pass does not ask again.
///
/// An expectation ends when it is observed (a created ID shows up alive, a removed ID is gone
/// from the rows), when its RPC fails (`cancel…`), or after `timeout`.
public struct Expectations: Sendable, Equatable, Codable {
    /// How long an expectation may wait to be observed.
    public static let timeout: TimeInterval = 300

    /// Creations whose RPC has not returned yet, so no IDs are known.
    public struct PendingCreates: Sendable, Equatable, Codable {
        public var setKey: String
        public var count: Int
        public var since: Date
    }

    /// One workload ID expected to appear (create) or to disappear (remove).
    public struct Tracked: Sendable, Equatable, Codable {
        public var setKey: String
        public var since: Date
    }

    public private(set) var pending: [Int: PendingCreates] = [:]
    public private(set) var creates: [String: Tracked] = [:]
    public private(set) var removes: [String: Tracked] = [:]
    private var nextTicket = 0

    public init() {}

    /// True when nothing is expected.
    public var isEmpty: Bool { pending.isEmpty && creates.isEmpty && removes.isEmpty }

    /// Records `count` creations about to be requested; the ticket settles them later.
    public mutating func reserveCreates(setKey: String, count: Int, now: Date) -> Int {
        nextTicket += 1
        pending[nextTicket] = PendingCreates(setKey: setKey, count: count, since: now)
        return nextTicket
    }

    /// `batch` of the ticket's creations got an answer; `ids` are the ones that were created.
    public mutating func land(ticket: Int, batch: Int, ids: [String], now: Date) {
        guard var entry = pending[ticket] else { return }
        for id in ids { creates[id] = Tracked(setKey: entry.setKey, since: now) }
        entry.count -= batch
        pending[ticket] = entry.count > 0 ? entry : nil
    }

    /// Drops what is left of the ticket (the rest of the plan will not be requested).
    public mutating func cancel(ticket: Int) {
        pending[ticket] = nil
    }

    /// Records removals about to be requested.
    public mutating func reserveRemoves(setKey: String, ids: [String], now: Date) {
        for id in ids { removes[id] = Tracked(setKey: setKey, since: now) }
    }

    /// Forgets removals that failed, were not attempted or found nothing to remove.
    public mutating func cancelRemoves(_ ids: [String]) {
        for id in ids { removes[id] = nil }
    }

    /// Drops what was observed or has timed out. `alive` holds the IDs now alive in any set,
    /// `present` every listed ID.
    public mutating func observe(alive: Set<String>, present: Set<String>, now: Date) {
        pending = pending.filter { !expired($0.value.since, now) }
        creates = creates.filter { !alive.contains($0.key) && !expired($0.value.since, now) }
        removes = removes.filter { present.contains($0.key) && !expired($0.value.since, now) }
    }

    /// Creations of `setKey` still to come: unanswered ones plus created IDs not yet seen alive.
    public func inFlightCreates(setKey: String, alive: Set<String>, now: Date) -> Int {
        let unanswered = pending.values.filter { $0.setKey == setKey && !expired($0.since, now) }
        let unseen = creates.filter {
            $0.value.setKey == setKey && !alive.contains($0.key) && !expired($0.value.since, now)
        }
        return unanswered.reduce(0) { $0 + $1.count } + unseen.count
    }

    /// IDs being removed that are still alive (those are the ones the count must not rely on).
    public func inFlightRemoves(alive: Set<String>, now: Date) -> Set<String> {
        Set(removes.filter { alive.contains($0.key) && !expired($0.value.since, now) }.keys)
    }

    private func expired(_ since: Date, _ now: Date) -> Bool {
        now.timeIntervalSince(since) >= Self.timeout
    }
}
