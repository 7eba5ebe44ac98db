import Dashboard
import Foundation
import Synchronization
import Wire

/// What the feed tells whoever keeps the table (the dashboard's UI thread or the headless
/// controller). Events of one subscription carry its generation.
public enum FeedEvent: Sendable {
    case subscribed(generation: Int)
    /// Stream messages in arrival order, all received by the same time.
    case messages(generation: Int, [StatusUpdate], Date)
    /// The full listing as a table of rows seen at that time, built (and sorted) off the
    /// consumer's thread while the listing arrived.
    case listed(generation: Int, WorkloadTable, Date)
    case ended(generation: Int, reason: String, Date)
    case connection(ConnectionState)
}

extension FeedEvent {
    /// The listing of `workloads`, every row seen at `at`, as the feed builds it.
    public static func listed(generation: Int, workloads: [Workload], _ at: Date) -> FeedEvent {
        .listed(generation: generation, WorkloadTable(listed: workloads, seenAt: at), at)
    }
}

/// A queue of feed events for one consumer thread. `onPost` runs when the queue goes from empty
/// to non-empty, so a burst costs the consumer one wake-up.
public final class Inbox: Sendable {
    private let queue = Mutex<[FeedEvent]>([])
    private let onPost: @Sendable () -> Void

    public init(onPost: @escaping @Sendable () -> Void) { self.onPost = onPost }

    public func post(_ event: FeedEvent) {
        post([event])
    }

    /// Posts several events at once, so the consumer never sees some without the others.
    public func post(_ events: [FeedEvent]) {
        let wasEmpty = queue.withLock { queue in
            let wasEmpty = queue.isEmpty
            queue.append(contentsOf: events)
            return wasEmpty
        }
        if wasEmpty { onPost() }
    }

    public func drain() -> [FeedEvent] {
        queue.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
    }
}

/// Keeps a status subscription open for the current filters: subscribe, then list, then follow
/// the stream; on any end of the stream (status OK included, eru-api.md §9.2) report it, wait
/// with exponential backoff and jitter, and start over. A filter change cancels the old stream
/// before the new one opens.
public final class FeedController: Sendable {
    private struct Current {
        var task: Task<Void, Never>?
        var generation = 0
    }

    private let client: CoreClient
    private let inbox: Inbox
    private let log: EventLog
    private let current = Mutex(Current())

    public init(client: CoreClient, inbox: Inbox, log: EventLog) {
        self.client = client
        self.inbox = inbox
        self.log = log
    }

    /// (Re)starts the subscription loop for `filters`, cancelling the previous one first.
    /// Listings are sorted by `sort` as they arrive, so a consumer sorting that way takes them
    /// as they are.
    public func start(filters: Filters, sort: TableSort = TableSort()) {
        current.withLock { current in
            current.task?.cancel()
            let previous = current.task
            current.task = Task { [self] in
                // The old stream is cancelled and gone before the new one opens.
                await previous?.value
                await run(filters: filters, sort: sort)
            }
        }
    }

    private func nextGeneration() -> Int {
        current.withLock { current in
            current.generation += 1
            return current.generation
        }
    }

    private func run(filters: Filters, sort: TableSort) async {
        var attempt = 0
        inbox.post(.connection(.connecting))
        while !Task.isCancelled {
            let generation = nextGeneration()
            inbox.post(.subscribed(generation: generation))
            log.write(.debug, "subscribing", ["generation": "\(generation)", "filters": "\(filters)"])
            let outcome = await runAttempt(filters: filters, sort: sort, generation: generation)
            if Task.isCancelled { return }
            let ended = FeedEvent.ended(generation: generation, reason: outcome.reason, Date())
            log.write(.info, "stream ended", ["generation": "\(generation)", "reason": outcome.reason])
            // The end and the new connection state go together, so no frame shows the rows
            // stale under a connection that still reads live.
            if outcome.authFailed {
                // Not retried in a loop: the credentials will not get better by themselves.
                inbox.post([ended, .connection(.refused(reason: outcome.reason))])
                log.write(.error, "authentication refused", ["reason": outcome.reason])
                return
            }
            attempt = outcome.wentLive ? 1 : attempt + 1
            let delay = Self.backoff(attempt: attempt)
            let next = ConnectionState.reconnecting(attempt: attempt, nextRetry: Date() + delay, lastError: outcome.reason)
            inbox.post([ended, .connection(next)])
            await pause(seconds: delay)
        }
    }

    /// Waits before the next attempt. When the core is unreachable, the wait ends early as soon
    /// as it answers again; when it is reachable (the failure was an RPC's), the whole delay is
    /// kept, so a core that keeps failing calls is not hammered.
    private func pause(seconds delay: TimeInterval) async {
        let start = ContinuousClock.now
        let total = Duration.seconds(delay)
        if await client.waitUntilReachable(timeout: total) {
            log.write(.debug, "core reachable again", ["after": "\(ContinuousClock.now - start)"])
            return
        }
        let left = total - (ContinuousClock.now - start)
        if left > .zero { try? await Task.sleep(for: left) }
    }

    /// Delay before retry `attempt` (1-based): 0.5 s doubling up to 30 s, with ±20 % jitter.
    static func backoff(attempt: Int) -> TimeInterval {
        let base = min(30, 0.5 * pow(2, Double(max(attempt - 1, 0))))
        return base * Double.random(in: 0.8...1.2)
    }

    private struct AttemptOutcome {
        var reason: String
        var wentLive: Bool
        /// eru-core refused the credentials: retrying cannot help.
        var authFailed: Bool
    }

    private enum Part {
        case stream(String)
        case listing(ListingEnd)
        /// The liveness probe gave up on the core (and cancelled the stream), or was stopped.
        case probe(String?)
    }

    /// How often the open stream's link is checked with a cheap Info call. A quiet stream
    /// sends nothing, and pings more often than every 5 minutes make eru-core close the
    /// connection (eru-api.md §1), so silence is checked this way instead.
    static let probeInterval = Duration.seconds(25)
    /// Deadline of one probe; interval plus deadline bounds how long a dead link goes unseen.
    static let probeTimeout = Duration.seconds(5)

    /// One subscription: the stream is opened before the listing is read, and the stream's end
    /// (or a failed listing, or a failed liveness probe) ends the attempt.
    private func runAttempt(filters: Filters, sort: TableSort, generation: Int) async -> AttemptOutcome {
        let stream = client.statusStream(filters.streamOptions)
        return await withTaskCancellationHandler {
            await withTaskGroup(of: Part.self) { group in
                group.addTask { .stream(await self.follow(stream, generation: generation)) }
                group.addTask { .listing(await self.list(filters, sort: sort, generation: generation, stream: stream)) }
                group.addTask { .probe(await self.probe(stream)) }
                var streamReason = "stream ended"
                var otherReason: String?
                var listed = false
                for await part in group {
                    switch part {
                    case .stream(let reason):
                        streamReason = reason
                        // The attempt is over: stop the probe and any listing still running.
                        group.cancelAll()
                    case .listing(.listed):
                        listed = true
                    case .listing(.failed(let reason)):
                        otherReason = otherReason ?? reason
                    case .listing(.stopped):
                        break
                    case .probe(let reason):
                        otherReason = otherReason ?? reason
                    }
                }
                return AttemptOutcome(reason: otherReason ?? streamReason, wentLive: listed, authFailed: stream.authFailed)
            }
        } onCancel: {
            stream.cancel()
        }
    }

    /// How a listing ended. One stopped because the stream ended first did not go live: only
    /// `listed` resets the backoff.
    private enum ListingEnd {
        case listed
        case failed(String)
        case stopped
    }

    /// Reads the listing and hands it over; on failure cancels the stream and says why.
    private func list(_ filters: Filters, sort: TableSort, generation: Int, stream: StatusStream) async -> ListingEnd {
        do {
            // Rows are built as the workloads arrive and sorted into a table here rather than
            // on the consumer's thread; the table keeps the rows' array (no second copy).
            let seenAt = Date()
            var rows: [WorkloadRow] = []
            var shared = SharedValues()
            try await client.listWorkloads(filters.listOptions) { listed, digest in
                let workload = shared.share(listed)
                let row = WorkloadRow(workload, status: workload.status, seenAt: seenAt, recordDigest: digest)
                if filters.matchesServerFilters(row) { rows.append(row) }
            }
            var table = WorkloadTable(filters: filters, sort: sort)
            table.replaceAll(rows)
            rows = []
            inbox.post([.listed(generation: generation, table, seenAt), .connection(.live)])
            log.write(.debug, "listed", ["generation": "\(generation)", "count": "\(table.rows.count)"])
            return .listed
        } catch {
            if error.isAuthFailure { stream.markAuthFailed() }
            stream.cancel()
            return Task.isCancelled ? .stopped : .failed("listing failed: \(error)")
        }
    }

    /// Calls Info every `probeInterval` while the stream is open; when one fails, cancels the
    /// stream (a half-open link or a frozen core) and says why. Returns nil once cancelled.
    private func probe(_ stream: StatusStream) async -> String? {
        while true {
            do {
                try await Task.sleep(for: Self.probeInterval)
            } catch {
                return nil
            }
            do {
                _ = try await client.info(timeout: Self.probeTimeout)
            } catch {
                if Task.isCancelled { return nil }
                if error.isAuthFailure { stream.markAuthFailed() }
                log.write(.warning, "liveness probe failed", ["error": error.description])
                stream.cancel()
                return "no answer to the liveness probe: \(error)"
            }
        }
    }

    /// Most messages forwarded as one event: one inbox lock and at most one wake-up per burst.
    static let batchLimit = 256

    /// Forwards stream messages, a burst at a time, until the stream ends; returns why it ended.
    private func follow(_ stream: StatusStream, generation: Int) async -> String {
        do {
            while case let messages = try await stream.nextBatch(limit: Self.batchLimit), !messages.isEmpty {
                inbox.post(.messages(generation: generation, messages, Date()))
            }
            return "the core ended the stream"
        } catch {
            if error.isAuthFailure { stream.markAuthFailed() }
            return error.description
        }
    }
}

extension FeedController {
    /// Cancels the subscription without waiting (for a synchronous caller that is leaving).
    public func cancel() {
        current.withLock { $0.task?.cancel() }
    }
}
