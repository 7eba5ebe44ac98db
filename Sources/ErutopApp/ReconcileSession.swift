import Dashboard
import Foundation
import Reconcile
import Render
import Synchronization

/// The dashboard's side of reconcile: the per-set feeds, the executor, and a queue of updates
/// for the UI thread. Planning and execution run as tasks; their results come back through
/// `drain()`. Every action is written to the log.
final class ReconcileSession {
    let sets: [ReplicaSetSpec]
    private let tracker: SetTracker
    private let executor: Executor
    private let mailbox: Mailbox

    /// What the planning and executing tasks hand back to the UI thread.
    private final class Mailbox: Sendable {
        let updates = Mutex<[DashboardState.ReconcileUpdate]>([])
        /// The executor's expectations and backoff as last read, for the summary lines.
        let snapshot = Mutex((Expectations(), [String: Backoff]()))
        let wake: @Sendable () -> Void

        init(wake: @escaping @Sendable () -> Void) { self.wake = wake }

        func post(_ update: DashboardState.ReconcileUpdate) {
            updates.withLock { $0.append(update) }
            wake()
        }
    }

    init(sets: [ReplicaSetSpec], client: CoreClient, log: EventLog, wake: @escaping @Sendable () -> Void) {
        self.sets = sets
        let mailbox = Mailbox(wake: wake)
        self.mailbox = mailbox
        tracker = SetTracker(sets: sets, client: client, log: log, wake: wake)
        executor = Executor(
            operations: client,
            onEvent: { event in
                log.write(.info, "reconcile", ["event": JSONLineWriter.line(for: event)])
                mailbox.post(.event(event))
            })
    }

    func start() { tracker.start() }

    func cancel() { tracker.cancel() }

    /// Applies the sets' feed events (returns whether anything changed) and hands over the
    /// reconcile updates that arrived.
    func drain() -> (changed: Bool, updates: [DashboardState.ReconcileUpdate]) {
        let changed = tracker.drain()
        let pending = mailbox.updates.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
        return (changed, pending)
    }

    /// The sets the dashboard's filters show: all of them, or those of the filtered app and
    /// entrypoint.
    func setsInView(_ filters: Filters) -> [ReplicaSetSpec] {
        sets.filter { set in
            (filters.appname.isEmpty || set.appname == filters.appname)
                && (filters.entrypoint.isEmpty || set.entrypoint == filters.entrypoint)
        }
    }

    /// Summary lines for the sets in view, from the rows and the last executor snapshot.
    func lines(for filters: Filters, now: Date) -> [ReplicaSetLine] {
        let (expectations, backoff) = mailbox.snapshot.withLock { $0 }
        let plan = Planner.plan(
            sets: setsInView(filters), rows: tracker.rows, expectations: expectations, backoff: backoff,
            freshness: tracker.freshness, now: now)
        return plan.sets.map { ReplicaSetLine(name: $0.set, summary: $0.summary) }
    }

    /// Plans for the sets in view; the plan comes back as `.planned`.
    func plan(filters: Filters) {
        let sets = setsInView(filters)
        let rows = tracker.rows
        let freshness = tracker.freshness
        let (executor, mailbox) = (self.executor, self.mailbox)
        Task {
            await executor.observe(sets: sets, rows: rows)
            mailbox.post(.planned(await executor.plan(sets: sets, rows: rows, freshness: freshness)))
        }
    }

    /// Executes the confirmed plan if it still stands; the outcome comes back as `.finished`.
    func execute(_ plan: Plan, filters: Filters) {
        let sets = setsInView(filters)
        let rows = tracker.rows
        let freshness = tracker.freshness
        let (executor, mailbox) = (self.executor, self.mailbox)
        Task {
            let pass = await executor.executeConfirmed(plan, sets: sets, rows: rows, freshness: freshness)
            let state = (await executor.expectations, await executor.backoff)
            mailbox.snapshot.withLock { $0 = state }
            mailbox.post(.finished(pass))
        }
    }
}
