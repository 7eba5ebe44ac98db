import Foundation

/// A set's failure record: after a failed action it waits 5 s, doubling per consecutive failure
/// up to 5 min, before the planner acts on it again.
public struct Backoff: Sendable, Equatable, Codable {
    public static let initialDelay: TimeInterval = 5
    public static let maximumDelay: TimeInterval = 300

    public private(set) var consecutiveFailures = 0
    /// No action for the set before this time.
    public private(set) var backoffUntil: Date?
    public private(set) var lastError: String?

    public init() {}

    public mutating func recordFailure(_ error: String, now: Date) {
        consecutiveFailures += 1
        let exponent = min(consecutiveFailures - 1, 16)
        let delay = min(Self.maximumDelay, Self.initialDelay * Double(1 << exponent))
        backoffUntil = now.addingTimeInterval(delay)
        lastError = error
    }

    public mutating func recordSuccess() {
        self = Backoff()
    }

    public func isBackingOff(at now: Date) -> Bool {
        backoffUntil.map { now < $0 } ?? false
    }
}
