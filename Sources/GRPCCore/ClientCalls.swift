import CGRPC
import Synchronization

extension Channel {
    typealias UnaryOutcome = Result<[UInt8], GRPCStatus>

    /// A unary call: one batch with all six ops; the response or the non-OK status.
    /// Cancelling the calling task cancels the RPC.
    public func unary(
        _ method: String, request: [UInt8], metadata: Metadata = [], timeout: Duration,
        waitForReady: Bool = false
    ) async throws(GRPCStatus) -> [UInt8] {
        let handle = try core.makeCall(method, deadline: Deadline.after(timeout)).get()
        let batch = Batch()
        batch.sendInitialMetadata(metadata, flags: waitForReady ? GRPC_INITIAL_METADATA_WAIT_FOR_READY : 0)
        batch.sendMessage(request)
        batch.sendCloseFromClient()
        batch.receiveInitialMetadata()
        batch.receiveMessage()
        batch.receiveStatusOnClient()

        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<UnaryOutcome, Never>) in
                batch.onComplete = { batch, _ in
                    let status = batch.receivedStatus
                    guard status.code == .ok else { return continuation.resume(returning: .failure(status)) }
                    guard let response = batch.takeMessage() else {
                        let missing = GRPCStatus(.internalError, "no response message")
                        return continuation.resume(returning: .failure(missing))
                    }
                    continuation.resume(returning: .success(response))
                }
                if let failure = handle.start(batch) { continuation.resume(returning: .failure(failure)) }
                handle.finish()
            }
        } onCancel: {
            handle.cancel()
        }
        return try result.get()
    }

    /// Starts a server-streaming call; messages are pulled with `ServerStreamCall.next()`.
    /// A nil `timeout` means no deadline.
    public func serverStream(
        _ method: String, request: [UInt8], metadata: Metadata = [], timeout: Duration? = nil,
        waitForReady: Bool = false
    ) -> ServerStreamCall {
        let deadline = timeout.map(Deadline.after) ?? gpr_inf_future(GPR_CLOCK_REALTIME)
        switch core.makeCall(method, deadline: deadline) {
        case .failure(let status):
            return ServerStreamCall(ClientStream(failed: status))
        case .success(let handle):
            let stream = ClientStream(handle: handle)
            stream.begin(request: request, metadata: metadata, waitForReady: waitForReady)
            return ServerStreamCall(stream)
        }
    }
}

/// Deadlines on the monotonic clock.
enum Deadline {
    static func after(_ timeout: Duration) -> gpr_timespec {
        cgrpc_deadline_after_ms(Int64(timeout.clampedMilliseconds))
    }
}

/// The client side of a server-streaming call.
public final class ServerStreamCall: Sendable {
    private let stream: ClientStream

    init(_ stream: ClientStream) {
        self.stream = stream
    }

    deinit {
        stream.abandon()
    }

    /// Next message; nil when the server ended the stream with status OK; throws the status
    /// otherwise. One consumer. RECV_MESSAGE is re-armed only on demand (backpressure), with a
    /// small bounded read-ahead; the status batch was started up front. Cancelling the calling
    /// task cancels the RPC.
    public func next() async throws(GRPCStatus) -> [UInt8]? {
        try await stream.next().get()
    }

    /// The next message and every other one already received, at most `limit` in all: one
    /// suspension for a burst instead of one per message. Empty when the server ended the stream
    /// with status OK; throws the status otherwise. Same rules as `next()`.
    public func nextBatch(limit: Int) async throws(GRPCStatus) -> [[UInt8]] {
        guard let first = try await stream.next().get() else { return [] }
        var batch = [first]
        stream.takeBuffered(upTo: limit - 1, into: &batch)
        return batch
    }

    /// Cancels the call; safe from any thread at any time, also after the call ended.
    public func cancel() {
        stream.cancel()
    }
}

/// State of a server-streaming call, shared by the consumer and the completion-queue thread.
///
/// Batches: A = send metadata + message + close, receive initial metadata; B = receive status
/// (started first, so cancel, deadline and errors surface at once); then one RECV_MESSAGE at a
/// time. The completion-queue thread re-arms it on each message while fewer than `readAhead`
/// messages wait unread; once the window filled up, `next()` re-arms it when the consumer has
/// drained it to half, so that in a fast stream nearly every start comes from the queue thread
/// and the consumer does not contend for the call's lock. The call is released once the status
/// is known and the message loop has ended (or the consumer is gone).
final class ClientStream: Sendable {
    typealias Outcome = Result<[UInt8]?, GRPCStatus>

    private let handle: CallHandle?

    private struct State {
        var status: GRPCStatus?
        var loopEnded = false
        var abandoned = false
        var waiter: CheckedContinuation<Outcome, Never>?
        /// Messages read ahead of the consumer, oldest first; at most `readAhead`.
        var buffer = Fifo<[UInt8]>()
        /// A RECV_MESSAGE batch is in flight.
        var receiving = false

        /// Whether to start the next RECV_MESSAGE now, given that at most `waiting` messages
        /// may wait unread when it starts; marks it in flight if so.
        mutating func shouldRearm(whileAtMost waiting: Int) -> Bool {
            guard !receiving, !loopEnded, !abandoned, buffer.count <= waiting else { return false }
            receiving = true
            return true
        }

        /// `shouldRearm` for the consumer: only once the window drained to half.
        mutating func consumerShouldRearm() -> Bool {
            shouldRearm(whileAtMost: ClientStream.readAhead / 2)
        }
    }

    /// Messages received ahead of the consumer. Bounded, so a slow consumer still slows the
    /// sender down through HTTP/2 flow control; the window hides the completion-queue round trip.
    /// Must be at least 1.
    static let readAhead = 32

    private let state: Mutex<State>

    init(handle: CallHandle) {
        self.handle = handle
        state = Mutex(State())
    }

    /// A call that could not be created: `next()` throws `status` at once.
    init(failed status: GRPCStatus) {
        handle = nil
        state = Mutex(State(status: status, loopEnded: true))
    }

    func begin(request: [UInt8], metadata: Metadata, waitForReady: Bool) {
        guard let handle else { return }
        let statusBatch = Batch()
        statusBatch.receiveStatusOnClient()
        statusBatch.onComplete = { [self] batch, _ in
            let status = batch.receivedStatus
            state.withLock { $0.status = status }
            settle()
        }
        if let failure = handle.start(statusBatch) {
            state.withLock { $0.status = failure }
        }

        let sendBatch = Batch()
        sendBatch.sendInitialMetadata(metadata, flags: waitForReady ? GRPC_INITIAL_METADATA_WAIT_FOR_READY : 0)
        sendBatch.sendMessage(request)
        sendBatch.sendCloseFromClient()
        sendBatch.receiveInitialMetadata()
        if let failure = handle.start(sendBatch) { handle.cancel(failure) }
        settle()
    }

    func next() async -> Outcome {
        // Fast path: a message read ahead is handed out without suspending.
        let (buffered, rearm) = state.withLock { state in
            guard let message = state.buffer.popFirst() else { return ([UInt8]?.none, false) }
            return (message, state.consumerShouldRearm())
        }
        if let buffered {
            if rearm { receive() }
            return .success(buffered)
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let (arrived, rearm, ended) = state.withLock { state in
                    precondition(state.waiter == nil, "ServerStreamCall.next() allows one consumer at a time")
                    // A message may have arrived since the fast path looked.
                    let arrived = state.buffer.popFirst()
                    if arrived == nil { state.waiter = continuation }
                    return (arrived, state.consumerShouldRearm(), state.loopEnded)
                }
                if rearm { receive() }
                if let arrived {
                    continuation.resume(returning: .success(arrived))
                } else if ended {
                    settle()
                }
            }
        } onCancel: {
            cancel()
        }
    }

    /// Moves up to `limit` read-ahead messages into `batch` without suspending.
    func takeBuffered(upTo limit: Int, into batch: inout [[UInt8]]) {
        guard limit > 0 else { return }
        let rearm = state.withLock { state in
            var taken = 0
            while taken < limit, let message = state.buffer.popFirst() {
                batch.append(message)
                taken += 1
            }
            return taken > 0 && state.consumerShouldRearm()
        }
        if rearm { receive() }
    }

    func cancel() {
        handle?.cancel()
    }

    /// The consumer dropped the call: cancel it and release it without waiting for the loop.
    func abandon() {
        cancel()
        state.withLock { $0.abandoned = true }
        settle()
    }

    private func receive() {
        guard let handle else { return }
        let batch = Batch()
        batch.receiveMessage()
        batch.onComplete = { [self] batch, _ in received(batch.takeMessage()) }
        if handle.start(batch) != nil { received(nil) }
    }

    /// Completion-queue thread: hand the message to a waiting consumer or buffer it, and re-arm
    /// while the read-ahead window has room.
    private func received(_ message: [UInt8]?) {
        guard let message else {
            state.withLock { state in
                state.receiving = false
                state.loopEnded = true
            }
            return settle()
        }
        let (waiter, rearm) = state.withLock { state in
            state.receiving = false
            let waiter = state.waiter.take()
            if waiter == nil { state.buffer.append(message) }
            return (waiter, state.shouldRearm(whileAtMost: ClientStream.readAhead - 1))
        }
        if rearm { receive() }
        waiter?.resume(returning: .success(message))
    }

    /// Once the status is known and no message will be read any more: hand the end to a waiting
    /// consumer and let the call go.
    private func settle() {
        let (done, waiter, status) = state.withLock { state in
            guard let status = state.status, state.loopEnded || state.abandoned else {
                return (false, CheckedContinuation<Outcome, Never>?.none, GRPCStatus?.none)
            }
            return (true, state.loopEnded ? state.waiter.take() : nil, status)
        }
        guard done, let status else { return }
        handle?.finish()
        waiter?.resume(returning: status.code == .ok ? .success(nil) : .failure(status))
    }
}
