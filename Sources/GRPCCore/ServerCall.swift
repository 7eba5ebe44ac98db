import CGRPC
import Synchronization

/// What a server handler learns about its call.
public struct ServerContext: Sendable {
    /// The full method path, e.g. `/pb.CoreRPC/Info`.
    public let method: String
    /// The client's custom metadata, in arrival order.
    public let metadata: Metadata
    /// The client address as the core reports it, e.g. `ipv4:127.0.0.1:41234`.
    public let peer: String
    let call: ServerCall

    /// True once the client cancelled, the deadline passed, the connection broke, or the server
    /// is shutting down past its grace period.
    public var isCancelled: Bool { call.isCancelled }
}

/// Sends the messages of a server-streaming response.
public final class ServerStreamWriter: Sendable {
    private let call: ServerCall

    init(call: ServerCall) {
        self.call = call
    }

    /// Queues one message for sending and returns at once while the call's outbound queue has
    /// room; when it is full (a slow client), suspends until it drained to half. Messages go out
    /// in order, and all of them before the status. Not to be called concurrently.
    /// - Throws: `.cancelled` when the client is gone or the call was cancelled; messages still
    ///   queued at that point are dropped.
    public func send(_ message: [UInt8]) async throws(GRPCStatus) {
        guard await call.send(message) else { throw GRPCStatus(.cancelled, "the call was cancelled") }
    }
}

/// A registered method's handler.
enum Handler: Sendable {
    case unary(@Sendable (ServerContext, [UInt8]) async throws -> [UInt8])
    case serverStreaming(@Sendable (ServerContext, [UInt8], ServerStreamWriter) async throws -> Void)
}

/// One accepted call on the server: RECV_CLOSE_ON_SERVER up front (to learn about cancellation),
/// RECV_MESSAGE for the request, then the handler on its own task, its messages through the
/// `Outbound` queue, then the status.
final class ServerCall: Sendable {
    let handle: CallHandle

    private struct State {
        var cancelled = false
        var headersSent = false
        var task: Task<Void, Never>?
        var outbound = Outbound()

        /// Whether the initial metadata still has to go out; marks it sent.
        mutating func takeHeaders() -> Bool {
            defer { headersSent = true }
            return !headersSent
        }
    }

    private let state = Mutex(State())

    init(handle: CallHandle) {
        self.handle = handle
    }

    var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Runs `handler` (nil: unknown method) for the call described by `context`'s fields.
    func begin(method: String, metadata: Metadata, handler: Handler?) {
        let closeBatch = Batch()
        closeBatch.receiveCloseOnServer()
        closeBatch.onComplete = { [self] batch, _ in
            if batch.closedByCancel { markCancelled() }
        }
        if handle.start(closeBatch) != nil { return handle.finish() }

        guard let handler else {
            return finish(with: GRPCStatus(.unimplemented, "unknown method \(method)"))
        }
        let context = ServerContext(method: method, metadata: metadata, peer: handle.peer, call: self)
        let requestBatch = Batch()
        requestBatch.receiveMessage()
        requestBatch.onComplete = { [self] batch, _ in
            if let request = batch.takeMessage() {
                run(handler, context: context, request: request)
            } else if isCancelled {
                handle.finish()
            } else {
                finish(with: GRPCStatus(.internalError, "the client sent no request message"))
            }
        }
        if handle.start(requestBatch) != nil { handle.finish() }
    }

    /// Cancels the call and its handler task and refuses further batches (server shutdown).
    func abort() {
        markCancelled()
        handle.close()
    }

    /// Queues `message` (see `ServerStreamWriter.send`); false when the call failed or was
    /// cancelled. The byte buffer is built here, on the handler's thread, so that the
    /// completion-queue thread only starts prepared batches.
    func send(_ message: [UInt8]) async -> Bool {
        let batch = Batch()
        batch.sendMessage(message)
        let enqueued = state.withLock { state in
            if state.cancelled { return Outbound.Enqueued.refused }
            if state.takeHeaders() { batch.sendInitialMetadata([]) }
            return state.outbound.enqueue(batch, bytes: message.count)
        }
        switch enqueued {
        case .start:
            startSend(batch, carriesStatus: false)
            return true
        case .queued:
            return true
        case .refused:
            return false
        case .full:
            return await withCheckedContinuation { continuation in
                if let answer = state.withLock({ $0.outbound.waitForRoom(continuation) }) {
                    continuation.resume(returning: answer)
                }
            }
        }
    }

    /// Starts a SEND_MESSAGE batch; its completion starts the next queued one.
    private func startSend(_ batch: Batch, carriesStatus: Bool) {
        batch.onComplete = { [self] _, success in sent(success: success) }
        let failure = handle.start(batch)
        if carriesStatus { handle.finish() }
        if failure != nil { sent(success: false) }
    }

    /// Completion-queue thread (or a failed start): a SEND_MESSAGE batch is done.
    private func sent(success: Bool) {
        perform(state.withLock { $0.outbound.sent(success: success) })
    }

    /// Carries out an `Outbound` decision outside the lock; dropped batches are freed on return.
    private func perform(_ next: Outbound.Next) {
        if let batch = next.batch { startSend(batch, carriesStatus: next.carriesStatus) }
        if let status = next.status { startStatus(status) }
        if let (waiter, room) = next.wake { waiter.resume(returning: room) }
    }

    private func markCancelled() {
        let (task, next) = state.withLock { state in
            state.cancelled = true
            return (state.task, state.outbound.fail())
        }
        task?.cancel()
        perform(next)
    }

    private func run(_ handler: Handler, context: ServerContext, request: [UInt8]) {
        let task = Task { [self] in
            switch handler {
            case .unary(let body):
                do {
                    let response = try await body(context, request)
                    finish(with: GRPCStatus(.ok), response: response)
                } catch {
                    finish(with: GRPCStatus.from(error))
                }
            case .serverStreaming(let body):
                do {
                    try await body(context, request, ServerStreamWriter(call: self))
                    finish(with: GRPCStatus(.ok))
                } catch {
                    finish(with: GRPCStatus.from(error))
                }
            }
        }
        let cancelled = state.withLock { state in
            state.task = task
            return state.cancelled
        }
        if cancelled { task.cancel() }
    }

    /// Sends the status after the queued messages, or at once (with the unary response, if
    /// any) when none is queued or in flight.
    private func finish(with status: GRPCStatus, response: [UInt8]? = nil) {
        let now = state.withLock { $0.outbound.finish(status) }
        guard now else { return }
        startStatus(status, response: response)
    }

    /// The final batch: headers if still unsent, the unary response if any, and the status.
    private func startStatus(_ status: GRPCStatus, response: [UInt8]? = nil) {
        let batch = Batch()
        if state.withLock({ $0.takeHeaders() }) { batch.sendInitialMetadata([]) }
        if let response { batch.sendMessage(response) }
        batch.sendStatusFromServer(status)
        _ = handle.start(batch)
        handle.finish()
    }
}
