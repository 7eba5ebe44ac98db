import Foundation
import Synchronization

/// Calls `onIdle` once if `touch()` is not called for `timeout`. Used to bound a stream by its
/// progress rather than by one deadline for the whole call.
final class IdleWatchdog: Sendable {
    private struct State {
        var lastTouch = ContinuousClock.now
        var fired = false
        var stopped = false
    }

    /// Shared with the timer task, which must not capture `self` before init ends.
    private final class Shared: Sendable {
        let state = Mutex(State())
    }

    private let shared = Shared()
    private let task: Task<Void, Never>?

    init(timeout: Duration, onIdle: @escaping @Sendable () -> Void) {
        let shared = self.shared
        task = Task.detached {
            while !Task.isCancelled {
                let deadline = shared.state.withLock { $0.lastTouch } + timeout
                try? await Task.sleep(until: deadline, clock: .continuous)
                let fire = shared.state.withLock { s -> Bool in
                    guard !s.stopped, !s.fired, ContinuousClock.now - s.lastTouch >= timeout else { return false }
                    s.fired = true
                    return true
                }
                if fire {
                    onIdle()
                    return
                }
                if shared.state.withLock({ $0.stopped }) { return }
            }
        }
    }

    var fired: Bool { shared.state.withLock { $0.fired } }

    func touch() { shared.state.withLock { $0.lastTouch = .now } }

    func stop() {
        shared.state.withLock { $0.stopped = true }
        task?.cancel()
    }
}
