import CGRPC
import Glibc
import Synchronization

/// An insecure (plaintext HTTP/2) gRPC server on a loopback address, for tests and the
/// simulator. Handlers run as Swift tasks, never on the completion-queue thread.
/// Call `shutdown(gracePeriod:)` before dropping the last reference.
public final class Server: Sendable {
    private let core: ServerCore

    /// Binds `host:port` (port 0 picks a free port).
    /// - Throws: `.invalidArgument` for a host outside 127.0.0.0/8, `::1` and `localhost`;
    ///   `.unavailable` when the address cannot be bound.
    public init(host: String = "127.0.0.1", port: Int = 0) throws(GRPCStatus) {
        core = try ServerCore(address: Self.loopbackAddress(host: host, port: port))
    }

    deinit {
        let core = core
        Task { await core.shutdown(gracePeriod: .zero) }
    }

    /// The bound port.
    public var port: Int { core.port }

    public func registerUnary(
        _ method: String, _ handler: @escaping @Sendable (ServerContext, [UInt8]) async throws -> [UInt8]
    ) {
        core.register(method, .unary(handler))
    }

    public func registerServerStreaming(
        _ method: String,
        _ handler: @escaping @Sendable (ServerContext, [UInt8], ServerStreamWriter) async throws -> Void
    ) {
        core.register(method, .serverStreaming(handler))
    }

    /// Starts accepting calls. Register handlers first: a call to an unregistered method gets
    /// UNIMPLEMENTED.
    public func start() {
        core.start()
    }

    /// Stops accepting calls, lets running calls finish for `gracePeriod`, cancels the rest
    /// (handlers see `isCancelled` and task cancellation), and frees the server. Idempotent.
    public func shutdown(gracePeriod: Duration) async {
        await core.shutdown(gracePeriod: gracePeriod)
    }

    /// `host:port` in the form the core wants, after checking that `host` is loopback.
    static func loopbackAddress(host: String, port: Int) throws(GRPCStatus) -> String {
        guard (0...65535).contains(port) else { throw GRPCStatus(.invalidArgument, "bad port \(port)") }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare == "localhost" { return "localhost:\(port)" }
        var ipv6 = in6_addr()
        if inet_pton(AF_INET6, bare, &ipv6) == 1, bare == "::1" || isLoopback(ipv6) { return "[::1]:\(port)" }
        var ipv4 = in_addr()
        if inet_pton(AF_INET, bare, &ipv4) == 1, UInt32(bigEndian: ipv4.s_addr) >> 24 == 127 {
            return "\(bare):\(port)"
        }
        throw GRPCStatus(.invalidArgument, "refusing to listen on non-loopback host \(host)")
    }

    private static func isLoopback(_ address: in6_addr) -> Bool {
        withUnsafeBytes(of: address) { bytes in bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1 }
    }
}

/// The C side of a `Server`: the `grpc_server`, its completion queue, handlers and live calls.
final class ServerCore: @unchecked Sendable {
    /// Owned; destroyed at the end of `shutdown`. Used under `state`'s lock while not shutting down.
    private let server: OpaquePointer
    private let queue = CompletionQueue()
    let port: Int

    /// Outstanding `grpc_server_request_call`s; each accepted call re-arms one.
    private static let pendingRequests = 8

    private struct State {
        var handlers: [String: Handler] = [:]
        var started = false
        var shuttingDown = false
        var pastGrace = false
        var calls: [ObjectIdentifier: ServerCall] = [:]
        /// Shutdown waiting for the last call to be released.
        var drainWaiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())
    private let stopped = Signal()

    init(address: String) throws(GRPCStatus) {
        server = ChannelArguments.server().withUnsafeArgs { grpc_server_create($0, nil) }
        grpc_server_register_completion_queue(server, queue.queue, nil)
        let credentials = grpc_insecure_server_credentials_create()
        let bound = grpc_server_add_http2_port(server, address, credentials)
        grpc_server_credentials_release(credentials)
        guard bound > 0 else {
            grpc_server_destroy(server)  // never started and no listener: destroy is allowed
            queue.shutdown()
            throw GRPCStatus(.unavailable, "cannot listen on \(address)")
        }
        port = Int(bound)
    }

    func register(_ method: String, _ handler: Handler) {
        state.withLock { $0.handlers[method] = handler }
    }

    func start() {
        let start = state.withLock { state in
            defer { state.started = true }
            return !state.started && !state.shuttingDown
        }
        guard start else { return }
        grpc_server_start(server)
        for _ in 0..<Self.pendingRequests { requestCall() }
    }

    /// Arms one `grpc_server_request_call`; its batch owns the out-parameters.
    private func requestCall() {
        let batch = Batch()
        let slots = batch.prepareServerRequest()
        batch.onComplete = { [self] _, success in
            if success { accepted(slots) }
        }
        let tag = Unmanaged.passRetained(batch)
        let error: grpc_call_error = state.withLock { state in
            guard !state.shuttingDown else { return GRPC_CALL_ERROR_ALREADY_FINISHED }
            return grpc_server_request_call(
                server, slots.call, slots.details, slots.metadata, queue.queue, queue.queue, tag.toOpaque())
        }
        if error != GRPC_CALL_OK { tag.release() }
    }

    /// Completion-queue thread: a new call arrived.
    private func accepted(_ slots: ServerRequestSlots) {
        requestCall()
        guard let raw = slots.call.pointee else { return }
        slots.call.pointee = nil
        let handle = CallHandle(call: raw) { [self] handle in callReleased(handle) }
        let call = ServerCall(handle: handle)
        let method = slots.method
        let (handler, pastGrace) = state.withLock { state in
            state.calls[ObjectIdentifier(handle)] = call
            return (state.handlers[method], state.pastGrace)
        }
        call.begin(method: method, metadata: slots.requestMetadata, handler: handler)
        if pastGrace { call.abort() }
    }

    private func callReleased(_ handle: CallHandle) {
        let waiter = state.withLock { state in
            state.calls.removeValue(forKey: ObjectIdentifier(handle))
            return state.calls.isEmpty ? state.drainWaiter.take() : nil
        }
        waiter?.resume()
    }

    /// Shutdown order: stop accepting and wait for running calls (bounded by the grace period,
    /// then cancel them), wait until every call was released, destroy the server, then shut the
    /// queue down and wait until its thread destroyed it.
    func shutdown(gracePeriod: Duration) async {
        let (first, started) = state.withLock { state in
            defer { state.shuttingDown = true }
            return (!state.shuttingDown, state.started)
        }
        guard first else { return await stopped.wait() }
        if !started { grpc_server_start(server) }  // the shutdown path expects a started server

        let notified = Signal()
        let notifyBatch = Batch()
        notifyBatch.onComplete = { _, _ in notified.fire() }
        grpc_server_shutdown_and_notify(server, queue.queue, Unmanaged.passRetained(notifyBatch).toOpaque())

        let graceTimer = Task { [self] in
            try? await Task.sleep(for: gracePeriod)
            if !Task.isCancelled { cancelRemainingCalls() }
        }
        await notified.wait()
        graceTimer.cancel()
        await graceTimer.value

        cancelRemainingCalls()
        await withCheckedContinuation { continuation in
            let empty = state.withLock { state in
                if !state.calls.isEmpty { state.drainWaiter = continuation }
                return state.calls.isEmpty
            }
            if empty { continuation.resume() }
        }
        grpc_server_destroy(server)
        queue.shutdown()
        await queue.waitUntilDestroyed()
        stopped.fire()
    }

    private func cancelRemainingCalls() {
        let calls = state.withLock { state in
            state.pastGrace = true
            return Array(state.calls.values)
        }
        for call in calls { call.abort() }
        grpc_server_cancel_all_calls(server)
    }
}
