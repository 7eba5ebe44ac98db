import GRPCCore
import Synchronization
import Wire

/// A failed call to eru-core, with the method it concerned.
public enum CoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The call ended with a non-OK status. eru-core's numeric 10xx codes usually arrive as
    /// UNKNOWN through the C core; the message carries the core's error text (eru-api.md §1.1).
    case rpc(method: String, status: GRPCStatus)
    /// The reply did not decode.
    case decode(method: String, error: WireError)

    public var description: String {
        switch self {
        case .rpc(let method, let status): "\(Self.shortName(method)): \(status)"
        case .decode(let method, let error): "\(Self.shortName(method)): bad reply: \(error)"
        }
    }

    /// The gRPC status, when the failure was one.
    public var status: GRPCStatus? {
        if case .rpc(_, let status) = self { return status }
        return nil
    }

    /// True for eru-core's auth refusals, which retrying cannot fix (eru-api.md §7).
    public var isAuthFailure: Bool {
        guard let message = status?.message else { return false }
        return message.contains("invalid grpc username") || message.contains("invalid grpc password")
    }

    static func shortName(_ method: String) -> String {
        String(method.split(separator: "/").last ?? Substring(method))
    }
}

/// Typed calls to eru-core over one channel, with eru's auth metadata on every call.
public final class CoreClient: Sendable {
    public let address: String
    private let channel: Channel
    private let metadata: Metadata

    public init(address: String, username: String = "", password: String = "") {
        self.address = address
        var options = ChannelOptions()
        // While a wait-for-ready call is pending (see `waitUntilReachable`), the channel retries
        // its connection at least every 2 s, so a core that comes back is seen quickly. These
        // are TCP connects only; no RPC is retried this way.
        options.initialReconnectBackoff = .milliseconds(250)
        options.maxReconnectBackoff = .seconds(2)
        channel = Channel(target: address, options: options)
        // eru-core's auth: the metadata key is the username, its value the password (eru-api.md §7).
        metadata = username.isEmpty ? [] : [(key: username, value: password)]
    }

    public func close() { channel.close() }

    public func info(timeout: Duration = .seconds(5)) async throws(CoreError) -> CoreInfo {
        try await unary(CoreMethod.info, Empty(), timeout: timeout)
    }

    /// Waits up to `timeout` for the core to be reachable again, when it is not now. Returns
    /// true when it turned reachable early, false when it already was (the failure was not the
    /// link's) or still is not. Cancelling the task ends the wait.
    public func waitUntilReachable(timeout: Duration) async -> Bool {
        channel.resetConnectBackoff()
        do {
            _ = try await info(timeout: .seconds(1))
            return false
        } catch {
            guard error.status?.code == .unavailable else { return false }
        }
        do {
            _ = try await channel.unary(
                CoreMethod.info, request: Empty().wireBytes(), metadata: metadata, timeout: timeout, waitForReady: true)
            return true
        } catch {
            return false
        }
    }

    /// Reads the whole listing. The stream has no deadline; `idleTimeout` bounds the wait for
    /// each next workload instead, so a large listing may take as long as it keeps moving.
    public func listWorkloads(
        _ options: ListWorkloadsOptions, idleTimeout: Duration = .seconds(30)
    ) async throws(CoreError) -> [Workload] {
        var workloads: [Workload] = []
        try await listWorkloads(options, idleTimeout: idleTimeout) { workload, _ in workloads.append(workload) }
        return workloads
    }

    /// Reads the whole listing, handing each workload and its `WorkloadRecord.digest` to `each`
    /// as it is decoded, so a large listing is never held twice. Messages are taken a burst at
    /// a time.
    public func listWorkloads(
        _ options: ListWorkloadsOptions, idleTimeout: Duration = .seconds(30), each: (Workload, Int) -> Void
    ) async throws(CoreError) {
        let call = channel.serverStream(CoreMethod.listWorkloads, request: options.wireBytes(), metadata: metadata)
        let watchdog = IdleWatchdog(timeout: idleTimeout) { call.cancel() }
        defer { watchdog.stop() }
        while true {
            let batch: [[UInt8]]
            do {
                batch = try await call.nextBatch(limit: Self.listingBatch)
            } catch {
                if watchdog.fired {
                    throw .rpc(method: CoreMethod.listWorkloads, status: GRPCStatus(.deadlineExceeded, "no progress for \(idleTimeout)"))
                }
                throw .rpc(method: CoreMethod.listWorkloads, status: error)
            }
            if batch.isEmpty { return }
            watchdog.touch()
            for bytes in batch {
                each(try decode(Workload.self, bytes, CoreMethod.listWorkloads), WorkloadRecord.digest(of: bytes))
            }
        }
    }

    /// Most listed workloads taken from the call per suspension.
    static let listingBatch = 256

    /// Opens the status stream. It has no deadline: it lives until cancelled or ended.
    public func statusStream(_ options: WorkloadStatusStreamOptions) -> StatusStream {
        StatusStream(call: channel.serverStream(CoreMethod.workloadStatusStream, request: options.wireBytes(), metadata: metadata))
    }

    /// Statuses of `ids`, in request order; an all-empty one for a workload that never reported.
    public func workloadsStatus(ids: [String], timeout: Duration = .seconds(10)) async throws(CoreError) -> [WorkloadStatus] {
        var request = WorkloadIDs()
        request.ids = ids
        let reply: WorkloadsStatus = try await unary(CoreMethod.getWorkloadsStatus, request, timeout: timeout)
        return reply.status
    }

    public func createWorkload(_ options: DeployOptions, timeout: Duration = .seconds(300)) async throws(CoreError) -> [CreateWorkloadMessage] {
        try await collect(CoreMethod.createWorkload, options, timeout: timeout)
    }

    public func removeWorkload(ids: [String], force: Bool = false, timeout: Duration = .seconds(120)) async throws(CoreError) -> [RemoveWorkloadMessage] {
        var request = RemoveWorkloadOptions()
        request.ids = ids
        request.force = force
        return try await collect(CoreMethod.removeWorkload, request, timeout: timeout)
    }

    private func unary<Request: WireMessage, Reply: WireMessage>(
        _ method: String, _ request: Request, timeout: Duration
    ) async throws(CoreError) -> Reply {
        let bytes: [UInt8]
        do {
            bytes = try await channel.unary(method, request: request.wireBytes(), metadata: metadata, timeout: timeout)
        } catch {
            throw .rpc(method: method, status: error)
        }
        return try decode(Reply.self, bytes, method)
    }

    /// A finite server stream, read to its end under one deadline.
    private func collect<Request: WireMessage, Reply: WireMessage>(
        _ method: String, _ request: Request, timeout: Duration
    ) async throws(CoreError) -> [Reply] {
        let call = channel.serverStream(method, request: request.wireBytes(), metadata: metadata, timeout: timeout)
        var replies: [Reply] = []
        while true {
            let bytes: [UInt8]?
            do {
                bytes = try await call.next()
            } catch {
                throw .rpc(method: method, status: error)
            }
            guard let bytes else { return replies }
            replies.append(try decode(Reply.self, bytes, method))
        }
    }
}

/// Decodes a reply, naming the method on failure.
func decode<Message: WireMessage>(_ type: Message.Type, _ bytes: [UInt8], _ method: String) throws(CoreError) -> Message {
    do {
        return try Message(wire: bytes)
    } catch {
        throw .decode(method: method, error: error)
    }
}

/// The open `WorkloadStatusStream`.
public final class StatusStream: Sendable {
    private let call: ServerStreamCall
    private let refused = Atomic(false)

    init(call: ServerStreamCall) { self.call = call }

    /// Whether any call of this attempt was refused for its credentials.
    public var authFailed: Bool { refused.load(ordering: .relaxed) }

    func markAuthFailed() { refused.store(true, ordering: .relaxed) }

    /// The next message and every other one already received (at most `limit`), decoded; empty
    /// when the core ended the stream with OK (which is still a disconnect: eru-api.md §9.2).
    /// One suspension per burst.
    public func nextBatch(limit: Int) async throws(CoreError) -> [StatusUpdate] {
        let batch: [[UInt8]]
        do {
            batch = try await call.nextBatch(limit: limit)
        } catch {
            throw .rpc(method: CoreMethod.workloadStatusStream, status: error)
        }
        var updates: [StatusUpdate] = []
        updates.reserveCapacity(batch.count)
        for bytes in batch {
            do {
                updates.append(try StatusUpdate(wire: bytes))
            } catch {
                throw .decode(method: CoreMethod.workloadStatusStream, error: error)
            }
        }
        return updates
    }

    public func cancel() { call.cancel() }
}
