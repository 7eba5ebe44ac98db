import Dashboard
import Dispatch
import Synchronization

/// Builds new table orders (`OrderJob`) on a thread of its own, so a sort or search over 100k
/// rows never holds up the UI thread. One job runs at a time; a job submitted while another
/// waits replaces it (only the newest request matters). When a result is ready `onDone` runs,
/// from the worker's thread: the dashboard passes its waker, so the loop wakes the way the feed
/// wakes it, and takes the result with `take()`. What taking it replaced comes back through
/// `discard`, to be freed here too.
public final class OrderWorker: Sendable {
    private struct Slots {
        var queued: OrderJob?
        var done: BuiltOrder?
        var running = false
    }

    private let slots = Mutex(Slots())
    private let onDone: @Sendable () -> Void
    private let queue = DispatchQueue(label: "erutop.order", qos: .userInitiated)

    public init(onDone: @escaping @Sendable () -> Void) {
        self.onDone = onDone
    }

    /// Queues `job` in place of any job that has not started.
    public func submit(_ job: OrderJob) {
        let start = slots.withLock { slots in
            slots.queued = job
            defer { slots.running = true }
            return !slots.running
        }
        if start { queue.async { self.drain() } }
    }

    /// The newest finished result, once.
    public func take() -> BuiltOrder? {
        slots.withLock { slots in
            defer { slots.done = nil }
            return slots.done
        }
    }

    /// Frees `leftovers` on the worker's thread, after any job under way.
    public func discard(_ leftovers: OrderLeftovers) {
        queue.async { withExtendedLifetime(leftovers) {} }
    }

    /// Runs queued jobs until none is left.
    private func drain() {
        while let job = nextJob() {
            let built = job.run()
            slots.withLock { $0.done = built }
            onDone()
        }
    }

    private func nextJob() -> OrderJob? {
        slots.withLock { slots in
            guard let job = slots.queued else {
                slots.running = false
                return nil
            }
            slots.queued = nil
            return job
        }
    }
}
