/// The outgoing messages of one server call, as a state machine without side effects: its
/// methods run under the call's lock and return what the caller must do after unlocking.
///
/// The core allows one SEND_MESSAGE in flight per call. A message sent while one is in flight
/// waits here, already wrapped in its unstarted `Batch`; the completion-queue thread starts the
/// next one as soon as the previous completed. The status goes after the last message: merged
/// into the last message's batch, or in a batch of its own once nothing is in flight.
struct Outbound {
    /// Messages waiting at which `send` suspends until the queue drained to half.
    static let maxQueuedMessages = 128
    /// Queued payload bytes at which `send` suspends until the queue drained to half.
    static let maxQueuedBytes = 1 << 20

    /// What `send` must do with a new message's batch.
    enum Enqueued {
        /// Nothing is in flight: start this batch now.
        case start
        /// Queued behind the one in flight; the sender may go on.
        case queued
        /// Queued, but the queue is full: wait for room (`waitForRoom`) before going on.
        case full
        /// The call failed or was cancelled; the message was dropped.
        case refused
    }

    /// What the completion-queue thread must do after a SEND_MESSAGE batch completed.
    struct Next {
        /// The next batch to start; `carriesStatus` when the status was merged into it.
        var batch: Batch?
        var carriesStatus = false
        /// A status to send in a batch of its own (nothing left to send).
        var status: GRPCStatus?
        /// A sender to wake: true when room was made, false when the call failed.
        var wake: (CheckedContinuation<Bool, Never>, Bool)?
        /// Queued batches dropped because the call failed; freed outside the lock.
        var dropped: [Batch] = []
    }

    private var queue = Fifo<(batch: Batch, bytes: Int)>()
    private var queuedBytes = 0
    private var inFlight = false
    private(set) var failed = false
    /// The handler's status, held back until the queue is empty.
    private var status: GRPCStatus?
    /// A sender waiting for room.
    private var waiter: CheckedContinuation<Bool, Never>?

    /// Takes a new message's batch of `bytes` payload bytes.
    mutating func enqueue(_ batch: Batch, bytes: Int) -> Enqueued {
        guard !failed else { return .refused }
        guard inFlight else {
            inFlight = true
            return .start
        }
        queue.append((batch, bytes))
        queuedBytes += bytes
        return isFull ? .full : .queued
    }

    /// Registers a sender that found the queue full. Returns the answer at once (true: there is
    /// room, false: the call failed) or nil when `waiter` will be resumed later.
    mutating func waitForRoom(_ waiter: CheckedContinuation<Bool, Never>) -> Bool? {
        if failed { return false }
        if !isFull { return true }
        precondition(self.waiter == nil, "ServerStreamWriter.send must not be called concurrently")
        self.waiter = waiter
        return nil
    }

    /// The handler is done. Returns true when the status batch may start now; otherwise the
    /// status is sent after the last queued message.
    mutating func finish(_ status: GRPCStatus) -> Bool {
        guard inFlight, !failed else { return true }
        self.status = status
        return false
    }

    /// A SEND_MESSAGE batch completed (or could not start): hand out the next one.
    mutating func sent(success: Bool) -> Next {
        guard success, !failed else {
            var next = fail()
            inFlight = false
            next.status = status.take()
            return next
        }
        var next = Next()
        if let (batch, bytes) = queue.popFirst() {
            queuedBytes -= bytes
            next.batch = batch
            if !queue.isEmpty {
                batch.allowBuffering()  // the next one follows at once: one write for both
            } else if let status = status.take() {
                batch.sendStatusFromServer(status)
                next.carriesStatus = true
            }
            if let waiter, isBelowHalf {
                next.wake = (waiter, true)
                self.waiter = nil
            }
        } else {
            inFlight = false
            next.status = status.take()
        }
        return next
    }

    /// The call failed or was cancelled: drop the queue and wake the sender with false.
    /// The batch in flight, if any, still completes.
    mutating func fail() -> Next {
        failed = true
        var next = Next()
        while let (batch, _) = queue.popFirst() { next.dropped.append(batch) }
        queuedBytes = 0
        if let waiter = waiter.take() { next.wake = (waiter, false) }
        return next
    }

    private var isFull: Bool {
        queue.count >= Self.maxQueuedMessages || queuedBytes >= Self.maxQueuedBytes
    }

    private var isBelowHalf: Bool {
        queue.count <= Self.maxQueuedMessages / 2 && queuedBytes <= Self.maxQueuedBytes / 2
    }
}

/// A first-in first-out queue with amortised O(1) operations and no allocation once its two
/// arrays reached their working size.
struct Fifo<Element> {
    /// Newest last.
    private var incoming: [Element] = []
    /// Oldest last, so the front is a `popLast`.
    private var outgoing: [Element] = []

    var count: Int { incoming.count + outgoing.count }
    var isEmpty: Bool { incoming.isEmpty && outgoing.isEmpty }

    mutating func append(_ element: Element) {
        incoming.append(element)
    }

    mutating func popFirst() -> Element? {
        if outgoing.isEmpty {
            outgoing.append(contentsOf: incoming.reversed())
            incoming.removeAll(keepingCapacity: true)
        }
        return outgoing.popLast()
    }
}
