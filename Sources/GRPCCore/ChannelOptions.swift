/// Custom metadata as ordered key/value pairs. Keys must be lowercase ASCII; keys ending in
/// `-bin` carry binary values (the core base64-encodes them on the wire).
public typealias Metadata = [(key: String, value: String)]

/// Tuning of a client `Channel`, turned into C core channel arguments.
public struct ChannelOptions: Sendable {
    /// Interval of HTTP/2 keepalive pings; `nil` sends none. Eru's core (grpc-go defaults)
    /// answers pings more frequent than every 5 minutes with a GOAWAY.
    public var keepaliveTime: Duration?
    /// First (and minimum) delay before reconnecting after a failed connection attempt.
    public var initialReconnectBackoff: Duration
    /// Upper bound of the exponential reconnect backoff.
    public var maxReconnectBackoff: Duration
    /// Largest message the channel accepts, in bytes.
    public var maxReceiveMessageLength: Int

    public init() {
        keepaliveTime = nil
        initialReconnectBackoff = .milliseconds(500)
        maxReconnectBackoff = .seconds(30)
        maxReceiveMessageLength = 64 << 20
    }
}

/// Connectivity of a channel, as reported by the C core.
public enum ConnectivityState: Sendable {
    case idle, connecting, ready, transientFailure, shutdown
}

extension Duration {
    /// Whole milliseconds, rounded up, clamped to `Int32` (what C core integer args take).
    var clampedMilliseconds: Int32 {
        let (seconds, attoseconds) = components
        let millis = seconds.multipliedReportingOverflow(by: 1000)
        guard !millis.overflow else { return seconds < 0 ? 0 : .max }
        let total = millis.partialValue + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: max(total, 0))
    }
}
