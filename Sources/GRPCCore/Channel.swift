import CGRPC
import Synchronization

/// An insecure (plaintext HTTP/2) client channel to one target, e.g. `127.0.0.1:5001`.
///
/// Calls are started from any thread; their completions run on the channel's own
/// completion-queue thread. `close()` (or the last reference going away) cancels the live
/// calls and frees everything once their final completions arrived.
public final class Channel: Sendable {
    public let target: String
    let core: ChannelCore

    public init(target: String, options: ChannelOptions = ChannelOptions()) {
        self.target = target
        core = ChannelCore(target: target, options: options)
    }

    deinit {
        core.close()
    }

    /// The current connectivity (`grpc_channel_check_connectivity_state`); `tryToConnect`
    /// starts a connection attempt when idle.
    public func connectivityState(tryToConnect: Bool = false) -> ConnectivityState {
        core.connectivityState(tryToConnect: tryToConnect)
    }

    /// Retries a failing connection now instead of after the backoff delay.
    public func resetConnectBackoff() {
        core.resetConnectBackoff()
    }

    /// Cancels the live calls and destroys the channel; later calls fail with UNAVAILABLE.
    /// Idempotent.
    public func close() {
        core.close()
    }
}

/// The C side of a `Channel`: the `grpc_channel`, its completion queue and its live calls.
final class ChannelCore: @unchecked Sendable {
    /// Owned; destroyed by `close()`. Used only under `state`'s lock while not closed.
    private let channel: OpaquePointer
    private let queue = CompletionQueue()

    private struct State {
        var closed = false
        var calls: [ObjectIdentifier: CallHandle] = [:]
    }

    private let state = Mutex(State())

    init(target: String, options: ChannelOptions) {
        let credentials = grpc_insecure_credentials_create()
        channel = ChannelArguments.client(options).withUnsafeArgs { args in
            grpc_channel_create(target, credentials, args)
        }
        grpc_channel_credentials_release(credentials)
    }

    /// Creates a call (`grpc_channel_create_call`) bound to this channel's completion queue.
    func makeCall(_ method: String, deadline: gpr_timespec) -> Result<CallHandle, GRPCStatus> {
        state.withLock { current in
            guard !current.closed else { return .failure(GRPCStatus(.unavailable, "channel closed")) }
            let methodSlice = Slice.copy(method)
            defer { grpc_slice_unref(methodSlice) }
            guard let call = grpc_channel_create_call(
                channel, nil, cgrpc_propagate_defaults(), queue.queue, methodSlice, nil, deadline, nil)
            else { return .failure(GRPCStatus(.internalError, "grpc_channel_create_call failed")) }
            let handle = CallHandle(call: call) { [self] handle in
                _ = state.withLock { $0.calls.removeValue(forKey: ObjectIdentifier(handle)) }
            }
            current.calls[ObjectIdentifier(handle)] = handle
            return .success(handle)
        }
    }

    func connectivityState(tryToConnect: Bool) -> ConnectivityState {
        state.withLock { state in
            guard !state.closed else { return .shutdown }
            switch grpc_channel_check_connectivity_state(channel, tryToConnect ? 1 : 0) {
            case GRPC_CHANNEL_IDLE: return .idle
            case GRPC_CHANNEL_CONNECTING: return .connecting
            case GRPC_CHANNEL_READY: return .ready
            case GRPC_CHANNEL_TRANSIENT_FAILURE: return .transientFailure
            default: return .shutdown
            }
        }
    }

    func resetConnectBackoff() {
        state.withLock { state in
            if !state.closed { grpc_channel_reset_connect_backoff(channel) }
        }
    }

    /// Shutdown order: close every call (cancel, no new batches), destroy the channel, then shut
    /// the queue down; its thread frees the rest as the final completions arrive.
    func close() {
        let calls: [CallHandle]? = state.withLock { state in
            guard !state.closed else { return nil }
            state.closed = true
            return Array(state.calls.values)
        }
        guard let calls else { return }
        for call in calls { call.close() }
        grpc_channel_destroy(channel)
        queue.shutdown()
    }
}
