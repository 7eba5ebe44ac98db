import GRPCCore
import Testing
import Synchronization

/// Starts a loopback server configured by `configure`, opens a channel to it, runs `body`, and
/// always closes the channel and shuts the server down afterwards.
func withEchoServer(
    _ configure: (Server) -> Void,
    _ body: (Channel, Server) async throws -> Void
) async throws {
    let server = try Server(host: "127.0.0.1", port: 0)
    configure(server)
    server.start()
    let channel = Channel(target: "127.0.0.1:\(server.port)")
    do {
        try await body(channel, server)
    } catch {
        channel.close()
        await server.shutdown(gracePeriod: .zero)
        throw error
    }
    channel.close()
    await server.shutdown(gracePeriod: .seconds(1))
}

/// Big-endian 4-byte encoding of a message index.
func indexBytes(_ index: Int) -> [UInt8] {
    withUnsafeBytes(of: UInt32(index).bigEndian) { Array($0) }
}

func index(of bytes: [UInt8]) -> Int {
    bytes.reduce(0) { $0 << 8 | Int($1) }
}

/// A value set by a server handler and read by the test.
final class Box<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    init(_ value: Value) {
        self.value = Mutex(value)
    }

    var current: Value {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}

/// Polls `condition` every 10 ms until it holds or `limit` passed; returns whether it held.
func eventually(within limit: Duration = .seconds(5), _ condition: () -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let end = clock.now + limit
    while clock.now < end {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

/// The status `body` threw, or nil when it returned normally (any other error is an issue).
func thrownStatus(_ body: () async throws -> Void) async -> GRPCStatus? {
    do {
        try await body()
        return nil
    } catch let status as GRPCStatus {
        return status
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

/// Polls `value` every 10 ms until it stayed the same for `quiet`; returns that value, or nil
/// when it still changed after `limit`.
func settledValue(
    of value: () -> Int, quiet: Duration = .milliseconds(300), within limit: Duration = .seconds(10)
) async -> Int? {
    let clock = ContinuousClock()
    let end = clock.now + limit
    var last = value()
    var since = clock.now
    while clock.now < end {
        try? await Task.sleep(for: .milliseconds(10))
        let current = value()
        if current != last {
            last = current
            since = clock.now
        } else if clock.now - since >= quiet {
            return current
        }
    }
    return nil
}
