import Dispatch
import Synchronization

/// Calls `onIdle` once if `touch()` is not called for `timeout`. Used to bound a stream by its
/// progress rather than by one deadline for the whole call.
///
/// The timer is a dispatch timer source, re-armed only when it expires after a touch, and
/// cancelled by `stop()`: a stopped watchdog leaves nothing behind to wake the process. (A
/// cancelled `Task.sleep` would: its wake-up stays queued until the original deadline.)
final class IdleWatchdog: Sendable {
    private struct State {
        var lastTouch = ContinuousClock.now
        var fired = false
        var stopped = false
    }

    /// What the timer does when it expires.
    private enum Expiry {
        case fire
        case rearm(after: Duration)
        case nothing
    }

    /// Shared with the timer's handler.
    private final class Shared: Sendable {
        let state = Mutex(State())
    }

    private let shared = Shared()
    /// Owned; cancelled by `stop()` or `deinit`. Dispatch sources are thread-safe.
    private nonisolated(unsafe) let timer: any DispatchSourceTimer

    init(timeout: Duration, onIdle: @escaping @Sendable () -> Void) {
        let timer = DispatchSource.makeTimerSource()
        self.timer = timer
        // The handler holds the shared state and the timer, not `self`, so dropping the watchdog
        // (whose deinit cancels the timer, releasing the handler) breaks the cycle.
        nonisolated(unsafe) let source = timer
        let shared = shared
        timer.setEventHandler {
            switch Self.expire(shared.state, timeout: timeout) {
            case .fire: onIdle()
            case .rearm(let left): source.schedule(deadline: .now() + Self.interval(left))
            case .nothing: break
            }
        }
        timer.schedule(deadline: .now() + Self.interval(timeout))
        timer.activate()
    }

    deinit {
        timer.cancel()
    }

    var fired: Bool { shared.state.withLock { $0.fired } }

    func touch() { shared.state.withLock { $0.lastTouch = .now } }

    func stop() {
        shared.state.withLock { $0.stopped = true }
        timer.cancel()
    }

    /// Fires when `timeout` passed since the last touch, else says how long is left.
    private static func expire(_ state: borrowing Mutex<State>, timeout: Duration) -> Expiry {
        state.withLock { state in
            guard !state.stopped, !state.fired else { return .nothing }
            let idle = ContinuousClock.now - state.lastTouch
            guard idle >= timeout else { return .rearm(after: timeout - idle) }
            state.fired = true
            return .fire
        }
    }

    /// `duration` as a dispatch interval, in whole nanoseconds.
    static func interval(_ duration: Duration) -> DispatchTimeInterval {
        let (seconds, attoseconds) = duration.components
        let (nanos, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return .never }
        return .nanoseconds(Int(max(nanos + attoseconds / 1_000_000_000, 0)))
    }
}
