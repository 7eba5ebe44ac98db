import Dashboard
import Dispatch
import Synchronization

/// Builds new table orders (`OrderJob`) on a thread of its own, so a sort or search over 100k
/// rows never holds up the UI thread. One job runs at a time; a job submitted while another
/// waits replaces it (only the newest request matters). `onChange` runs, from the worker's
/// thread, when a job lets go of the table's rows and when its result is ready: the dashboard
/// passes its waker, so the loop wakes the way the feed wakes it, applies the feed again once
/// `holdsRows` is false, and takes the result with `take()`. What taking it replaced comes
/// back through `discard`, to be freed here too.
public final class OrderWorker: Sendable {
    private struct Slots {
        var queued: OrderJob?
        var done: BuiltOrder?
        var running = false
        /// The running job still reads the table's rows.
        var reading = false
    }

    private let slots = Mutex(Slots())
    private let onChange: @Sendable () -> Void
    private let queue = DispatchQueue(label: "erutop.order", qos: .userInitiated)

    public init(onChange: @escaping @Sendable () -> Void) {
        self.onChange = onChange
    }

    /// Whether a job submitted here still shares the table's rows. Until it lets go, the table
    /// must not change them (the first change would copy all of them on the caller's thread):
    /// the loop leaves the feed's events in the inbox meanwhile.
    public var holdsRows: Bool {
        slots.withLock { $0.queued != nil || $0.reading }
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
            // Consumed, so no copy here keeps the rows alive after the job lets go of them.
            let built = (consume job).run {
                slots.withLock { $0.reading = false }
                onChange()
            }
            slots.withLock { $0.done = built }
            onChange()
        }
    }

    private func nextJob() -> OrderJob? {
        slots.withLock { slots in
            guard let job = slots.queued else {
                slots.running = false
                return nil
            }
            slots.queued = nil
            slots.reading = true
            return job
        }
    }
}
