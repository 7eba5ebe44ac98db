import Dashboard
import Foundation

/// What one instance of a set counts as. `ready` and `starting` are alive.
public enum InstanceClass: String, Sendable, Codable, CaseIterable {
    /// Running and healthy.
    case ready
    /// Created less than the set's startup grace ago and not healthy, whatever its status.
    case starting
    /// Running, not healthy, past the grace.
    case unhealthy
    /// Not running, past the grace.
    case stopped
    /// No status reported, past the grace.
    case unknown

    public var isAlive: Bool { self == .ready || self == .starting }

    /// Classifies `row`; the rules are checked in the order of the cases.
    public init(_ row: WorkloadRow, startupGrace: Double, now: Date) {
        let age = now.timeIntervalSince1970 - Double(row.createTime)
        if row.running && row.healthy {
            self = .ready
        } else if age < startupGrace {
            self = .starting
        } else {
            switch row.statusWord {
            case .unhealthy: self = .unhealthy
            case .stopped: self = .stopped
            case .unknown, .healthy: self = .unknown
            }
        }
    }
}

/// Whether the observed state is complete enough to plan from.
public struct Freshness: Sendable, Equatable {
    /// The status stream is up.
    public var connected: Bool
    /// A full re-list finished since the last (re)connect, so no instance is missing.
    public var relistedSinceReconnect: Bool

    public init(connected: Bool, relistedSinceReconnect: Bool) {
        self.connected = connected
        self.relistedSinceReconnect = relistedSinceReconnect
    }

    /// Why planning must wait, or nil when the state is fresh.
    public var refusal: String? {
        if !connected { return "not connected to the core: the instance list may be stale" }
        if !relistedSinceReconnect {
            return "reconnected but the full re-list has not finished: instances may be missing"
        }
        return nil
    }
}
