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

    /// Sends one message and waits until the core finished writing it (so a slow client slows
    /// the handler down). Not to be called concurrently.
    /// - Throws: `.cancelled` when the client is gone or the call was cancelled.
    public func send(_ message: [UInt8]) async throws(GRPCStatus) {
        guard !call.isCancelled else { throw GRPCStatus(.cancelled, "the call was cancelled") }
        let batch = Batch()
        call.addHeadersIfUnsent(to: batch)
        batch.sendMessage(message)
        let written = await withCheckedContinuation { continuation in
            batch.onComplete = { _, success in continuation.resume(returning: success) }
            if call.handle.start(batch) != nil { continuation.resume(returning: false) }
        }
        guard written else { throw GRPCStatus(.cancelled, "the client is gone") }
    }
}

/// A registered method's handler.
enum Handler: Sendable {
    case unary(@Sendable (ServerContext, [UInt8]) async throws -> [UInt8])
    case serverStreaming(@Sendable (ServerContext, [UInt8], ServerStreamWriter) async throws -> Void)
}

/// One accepted call on the server: RECV_CLOSE_ON_SERVER up front (to learn about cancellation),
/// RECV_MESSAGE for the request, then the handler on its own task, then the status.
final class ServerCall: Sendable {
    let handle: CallHandle

    private struct State {
        var cancelled = false
        var headersSent = false
        var task: Task<Void, Never>?
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

    func addHeadersIfUnsent(to batch: Batch) {
        let unsent = state.withLock { state in
            defer { state.headersSent = true }
            return !state.headersSent
        }
        if unsent { batch.sendInitialMetadata([]) }
    }

    private func markCancelled() {
        let task = state.withLock { state in
            state.cancelled = true
            return state.task
        }
        task?.cancel()
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

    /// The final batch: headers if still unsent, the unary response if any, and the status.
    private func finish(with status: GRPCStatus, response: [UInt8]? = nil) {
        let batch = Batch()
        addHeadersIfUnsent(to: batch)
        if let response { batch.sendMessage(response) }
        batch.sendStatusFromServer(status)
        _ = handle.start(batch)
        handle.finish()
    }
}
