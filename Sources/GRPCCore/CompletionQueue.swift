import CGRPC
import Glibc
import Synchronization

/// A `grpc_completion_queue` (created for `next`) and the one thread that drains it.
///
/// Every tag on this queue is a retained `Batch`: the thread takes the retain back and runs the
/// batch's completion, so completions for one queue run one at a time, in order, on that thread.
/// The thread blocks in `grpc_completion_queue_next` (no polling), and after `shutdown()` it
/// delivers the remaining tags, destroys the queue, drops its library reference and exits.
final class CompletionQueue: @unchecked Sendable {
    /// Owned. Shared read-only with the core; destroyed by the drain thread after SHUTDOWN.
    let queue: OpaquePointer
    private let drained = Signal()

    init() {
        GRPCLibrary.retain()
        queue = grpc_completion_queue_create_for_next(nil)

        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let rc = pthread_create(&thread, nil, { context in
            Unmanaged<CompletionQueue>.fromOpaque(context!).takeRetainedValue().drain()
            return nil
        }, context)
        precondition(rc == 0, "pthread_create failed: \(rc)")
        pthread_detach(thread)
    }

    /// Starts the shutdown; only tags already in flight are delivered afterwards.
    /// The caller guarantees no new work is started on this queue.
    func shutdown() {
        grpc_completion_queue_shutdown(queue)
    }

    /// Returns once the queue has been destroyed after `shutdown()`.
    func waitUntilDestroyed() async {
        await drained.wait()
    }

    /// Name of the drain thread in `/proc/PID/task/*/comm` (15 bytes at most), so per-thread
    /// figures can tell it apart; it would otherwise carry its creator's name.
    static let threadName = "grpc-cq-drain"

    /// Names the calling thread by writing its `comm` (proc(5)); `pthread_setname_np` is not
    /// visible through Swift's Glibc module. Best effort: a failure only leaves the old name.
    private static func nameCurrentThread() {
        let fd = open("/proc/thread-self/comm", O_WRONLY)
        guard fd >= 0 else { return }
        _ = threadName.withCString { write(fd, $0, strlen($0)) }
        close(fd)
    }

    private func drain() {
        Self.nameCurrentThread()
        while true {
            let event = grpc_completion_queue_next(queue, gpr_inf_future(GPR_CLOCK_REALTIME), nil)
            switch event.type {
            case GRPC_OP_COMPLETE:
                Unmanaged<Batch>.fromOpaque(event.tag).takeRetainedValue().complete(success: event.success != 0)
            case GRPC_QUEUE_SHUTDOWN:
                grpc_completion_queue_destroy(queue)
                GRPCLibrary.release()
                drained.fire()
                return
            default:
                continue  // GRPC_QUEUE_TIMEOUT: impossible with an infinite deadline
            }
        }
    }
}

/// A one-shot event that any number of tasks can await; waiting after it fired returns at once.
final class Signal: Sendable {
    private struct State {
        var fired = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func fire() {
        let waiters = state.withLock { state in
            state.fired = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let fired = state.withLock { state in
                if !state.fired { state.waiters.append(continuation) }
                return state.fired
            }
            if fired { continuation.resume() }
        }
    }
}
