import GRPCCore
import Synchronization
import Wire

/// A simulated core served over real gRPC on loopback: the `/pb.CoreRPC/*` methods erutop
/// uses plus the text control method `/erusim.Control/Command`. A background task drives the
/// core's virtual clock from the wall clock.
public final class SimServer: Sendable {
    /// The path of the control method; request and reply are UTF-8 text.
    public static let controlMethod = "/erusim.Control/Command"

    /// The simulation behind the server.
    public let core: SimCore
    let credentials: SimCredentials?
    let host: String
    /// The port the server listens on, also after an outage.
    public let port: Int
    let listener: Mutex<Listener>
    private let clockTask: Task<Void, Never>

    /// The gRPC server (nil during an outage) and the outage under way.
    struct Listener {
        var server: Server?
        var outage: Task<Void, Never>?
    }

    /// Binds a server for `core` and starts serving.
    /// - Parameters:
    ///   - host: a loopback address; GRPCCore refuses anything else.
    ///   - port: 0 picks a free port.
    ///   - credentials: when given, every RPC except the control method must carry them.
    /// - Throws: `invalidArgument` for a non-loopback host, or the bind failure.
    public init(core: SimCore, host: String = "127.0.0.1", port: Int = 0, credentials: SimCredentials? = nil)
        throws(GRPCStatus)
    {
        self.core = core
        self.credentials = credentials
        self.host = host
        let server = try Server(host: host, port: port)
        self.port = server.port
        listener = Mutex(Listener(server: server))
        clockTask = Task { [core] in
            let clock = ContinuousClock()
            var last = clock.now
            var tick = SimCore.idleTick
            while !Task.isCancelled {
                try? await Task.sleep(for: tick)
                let current = clock.now
                tick = await core.advance(by: current - last)
                last = current
            }
        }
        registerHandlers(on: server)
        server.start()
    }

    /// A seeded demo cluster with churn, on a free port of 127.0.0.1 (`erutop --demo`).
    public static func startDemo(workloads: Int, churn: Double) async throws -> SimServer {
        var config = SimConfig()
        config.churnRate = churn
        let core = SimCore(config: config)
        await core.seed(count: workloads)
        return try SimServer(core: core)
    }

    /// Stops like a core's graceful stop: open status streams end with OK, then the server
    /// drains and shuts down.
    public func stop() async {
        let outage = listener.withLock { $0.outage }
        outage?.cancel()
        await outage?.value
        _ = await core.execute("end-streams")
        clockTask.cancel()
        await listener.withLock { $0.server.take() }?.shutdown(gracePeriod: .seconds(1))
    }

    /// True for the addresses erusim may listen on or talk to (checked before any socket exists).
    public static func isLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "::1" || host == "localhost"
    }
}

/// The `<username>: <password>` metadata pair Eru's simple auth expects (eru-api.md §7).
public struct SimCredentials: Sendable, Equatable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// Checks a call's metadata like upstream: the key must exist and its first value match.
    func check(_ metadata: [(key: String, value: String)]) throws(GRPCStatus) {
        guard let value = metadata.first(where: { $0.key == username })?.value else {
            throw GRPCStatus(.unknown, "invalid grpc username")
        }
        guard value == password else { throw GRPCStatus(.unknown, "invalid grpc password") }
    }
}

extension SimServer {
    /// Sends one control command to the simulator at `target` (`host:port`, loopback only)
    /// and returns its text reply.
    public static func sendControl(to target: String, _ command: String) async throws(GRPCStatus) -> String {
        guard let host = splitHostPort(target)?.host, isLoopback(host) else {
            throw GRPCStatus(.invalidArgument, "erusim ctl talks to loopback only, not \(target)")
        }
        let channel = Channel(target: target)
        defer { channel.close() }
        let reply = try await channel.unary(controlMethod, request: Array(command.utf8), timeout: .seconds(5))
        return String(decoding: reply, as: UTF8.self)
    }

    /// Splits `host:port` or `[v6]:port`; nil when the port is missing or not a number.
    public static func splitHostPort(_ address: String) -> (host: String, port: Int)? {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
            (0...65_535).contains(port)
        else { return nil }
        var host = String(address[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, port)
    }
}
