import Synchronization

/// A gate that core calls pass before answering: open normally, closed while the core is
/// frozen (`freeze SECONDS`). Waiting is cheap when open and gives up when the task is cancelled.
final class FreezeGate: Sendable {
    private struct State {
        var closed = false
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    var isClosed: Bool { state.withLock { $0.closed } }

    func close() {
        state.withLock { $0.closed = true }
    }

    /// Opens the gate and lets every waiter through.
    func open() {
        let waiters = state.withLock { state in
            state.closed = false
            defer { state.waiters = [:] }
            return state.waiters.values
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the gate is open, or at once when the calling task is cancelled.
    func wait() async {
        guard isClosed else { return }
        let key = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let passes = state.withLock { state in
                    guard state.closed, !Task.isCancelled else { return true }
                    state.waiters[key] = continuation
                    return false
                }
                if passes { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: key) }?.resume()
        }
    }
}
