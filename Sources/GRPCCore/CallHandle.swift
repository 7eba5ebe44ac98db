import CGRPC
import Synchronization

/// Sole owner of one `grpc_call`.
///
/// The core requires `grpc_call_start_batch` calls on one call to be serialized, and forbids
/// `grpc_call_cancel` after `grpc_call_unref`; both run under this handle's lock. The handle
/// counts batches in flight and unrefs the call exactly once, when no batch is in flight and
/// either its owner declared that no more batches will come (`finish`) or it was `close`d.
final class CallHandle: @unchecked Sendable {
    /// Owned; valid until `released` (guarded by `state`).
    private let call: OpaquePointer
    private let onRelease: @Sendable (CallHandle) -> Void

    private struct State {
        var inFlight = 0
        var finished = false
        var closed = false
        var released = false

        /// Marks the call released when nothing can use it any more; true if the caller must unref.
        mutating func releaseIfIdle() -> Bool {
            guard !released, inFlight == 0, finished || closed else { return false }
            released = true
            return true
        }
    }

    private let state = Mutex(State())

    /// Takes ownership of `call`; `onRelease` runs once, right after the unref.
    init(call: OpaquePointer, onRelease: @escaping @Sendable (CallHandle) -> Void) {
        self.call = call
        self.onRelease = onRelease
    }

    /// Starts `batch` on the call (`grpc_call_start_batch`).
    /// - Returns: nil when started (its completion will run), otherwise the status explaining why
    ///   not; the batch's completion then never runs.
    func start(_ batch: Batch) -> GRPCStatus? {
        batch.handle = self
        let tag = Unmanaged.passRetained(batch)
        let error: grpc_call_error = state.withLock { state in
            guard !state.closed, !state.finished else { return GRPC_CALL_ERROR_ALREADY_FINISHED }
            let error = batch.ops.withUnsafeBufferPointer { ops in
                grpc_call_start_batch(call, ops.baseAddress, ops.count, tag.toOpaque(), nil)
            }
            if error == GRPC_CALL_OK { state.inFlight += 1 }
            return error
        }
        guard error != GRPC_CALL_OK else { return nil }
        batch.handle = nil
        tag.release()
        switch error {
        case GRPC_CALL_ERROR_ALREADY_FINISHED:
            return GRPCStatus(.cancelled, "call already closed")
        case GRPC_CALL_ERROR_INVALID_METADATA:
            return GRPCStatus(.invalidArgument, "invalid metadata (keys must be lowercase ASCII)")
        case GRPC_CALL_ERROR_INVALID_MESSAGE:
            return GRPCStatus(.invalidArgument, "invalid message")
        default:
            return GRPCStatus(.internalError, "grpc_call_start_batch failed: \(error.rawValue)")
        }
    }

    /// The owner will start no more batches; the call is unref'd once the last one completes.
    func finish() {
        let unref = state.withLock { state in
            state.finished = true
            return state.releaseIfIdle()
        }
        if unref { release() }
    }

    /// Cancels the call (`grpc_call_cancel_with_status`) unless it was already released.
    /// Pending batches complete with failure; the status op reports `status`.
    func cancel(_ status: GRPCStatus = GRPCStatus(.cancelled, "Cancelled")) {
        state.withLock { state in
            guard !state.released else { return }
            _ = grpc_call_cancel_with_status(
                call, grpc_status_code(rawValue: status.code.rawValue), status.message, nil)
        }
    }

    /// Cancels the call and refuses any further batch (channel close, server shutdown).
    func close() {
        cancel()
        let unref = state.withLock { state in
            state.closed = true
            return state.releaseIfIdle()
        }
        if unref { release() }
    }

    /// The peer address (`grpc_call_get_peer`), e.g. `ipv4:127.0.0.1:50000`.
    var peer: String {
        state.withLock { state in
            guard !state.released, let peer = grpc_call_get_peer(call) else { return "" }
            defer { gpr_free(peer) }
            return String(cString: peer)
        }
    }

    /// Called on the completion-queue thread after a started batch's completion ran.
    func batchDone() {
        let unref = state.withLock { state in
            state.inFlight -= 1
            return state.releaseIfIdle()
        }
        if unref { release() }
    }

    private func release() {
        grpc_call_unref(call)
        onRelease(self)
    }
}
