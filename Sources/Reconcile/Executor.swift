import Dashboard
import Foundation
import Wire

/// Carries out plans against the core and keeps what planning needs between passes: the
/// in-flight expectations and each set's backoff.
///
/// A pass reserves all of its planned actions before its first RPC, so a pass started while
/// another is still waiting plans nothing more for the same shortfall. Each set acts in
/// slow-start batches (1, 2, 4, … capped at max(1, 20% of replicas)) and stops at its first
/// failure; the rest of its reservation is released and the set backs off.
public actor Executor {
    private let operations: any EruOperations
    private let clock: @Sendable () -> Date
    private let onEvent: @Sendable (ReconcileEvent) -> Void

    public private(set) var expectations = Expectations()
    public private(set) var backoff: [String: Backoff] = [:]

    public init(
        operations: any EruOperations, clock: @escaping @Sendable () -> Date = { Date() },
        onEvent: @escaping @Sendable (ReconcileEvent) -> Void = { _ in }
    ) {
        self.operations = operations
        self.clock = clock
        self.onEvent = onEvent
    }

    /// Ends expectations the rows now show as fulfilled, and those that timed out.
    public func observe(sets: [ReplicaSetSpec], rows: [WorkloadRow]) {
        let now = clock()
        let alive = sets.flatMap { Planner.instances(of: $0, in: rows, now: now) }
            .filter { $0.instanceClass.isAlive }.map(\.row.id)
        expectations.observe(alive: Set(alive), present: Set(rows.map(\.id)), now: now)
    }

    /// Plans against this executor's expectations and backoff.
    public func plan(sets: [ReplicaSetSpec], rows: [WorkloadRow], freshness: Freshness) -> Plan {
        Planner.plan(
            sets: sets, rows: rows, expectations: expectations, backoff: backoff,
            freshness: freshness, now: clock()
        )
    }

    /// Observes, plans and executes in one step; no other pass can slip in before the
    /// reservations are made.
    public func reconcile(sets: [ReplicaSetSpec], rows: [WorkloadRow], freshness: Freshness) async -> [ActionResult] {
        observe(sets: sets, rows: rows)
        return await execute(plan(sets: sets, rows: rows, freshness: freshness), sets: sets)
    }

    /// Executes `plan` (made from this executor's current state) for `sets`.
    public func execute(_ plan: Plan, sets: [ReplicaSetSpec]) async -> [ActionResult] {
        onEvent(.planned(plan: plan, at: clock()))
        guard plan.refusal == nil else { return [] }

        var work: [(set: ReplicaSetSpec, step: Step)] = []
        for setPlan in plan.sets where setPlan.refusal == nil {
            guard let set = sets.first(where: { $0.key == setPlan.set }) else { continue }
            if let create = setPlan.create {
                let ticket = expectations.reserveCreates(setKey: set.key, count: create.count, now: clock())
                work.append((set, .create(ticket: ticket, count: create.count)))
            } else if !setPlan.removals.isEmpty {
                let ids = setPlan.removals.map(\.id)
                expectations.reserveRemoves(setKey: set.key, ids: ids, now: clock())
                work.append((set, .remove(ids: ids)))
            }
        }

        var results: [ActionResult] = []
        for item in work {
            results += await run(item.step, for: item.set)
        }
        return results
    }

    /// One set's reserved actions.
    private enum Step {
        case create(ticket: Int, count: Int)
        case remove(ids: [String])

        var count: Int {
            switch self {
            case .create(_, let count): count
            case .remove(let ids): ids.count
            }
        }
    }

    private func run(_ step: Step, for set: ReplicaSetSpec) async -> [ActionResult] {
        let cap = max(1, set.replicas / 5)
        var done = 0
        var batch = 1
        var results: [ActionResult] = []
        while done < step.count {
            let size = min(batch, cap, step.count - done)
            let kind: ActionResult.Kind
            switch step {
            case .create: kind = .create
            case .remove: kind = .remove
            }
            onEvent(.batchStarted(set: set.key, kind: kind, size: size, at: clock()))
            let result: ActionResult
            switch step {
            case .create(let ticket, _):
                result = await createBatch(size, for: set, ticket: ticket)
            case .remove(let ids):
                result = await removeBatch(Array(ids[done..<(done + size)]), for: set)
            }
            onEvent(.batchFinished(result: result))
            results.append(result)
            done += size
            batch *= 2

            if let error = result.error {
                release(step, after: done)
                var record = backoff[set.key] ?? Backoff()
                record.recordFailure(error, now: clock())
                backoff[set.key] = record
                onEvent(.backingOff(set: set.key, backoff: record, droppedActions: step.count - done, at: clock()))
                return results
            }
        }
        backoff[set.key] = nil
        return results
    }

    /// Frees the reservations of a step's actions from index `done` on.
    private func release(_ step: Step, after done: Int) {
        switch step {
        case .create(let ticket, _): expectations.cancel(ticket: ticket)
        case .remove(let ids): expectations.cancelRemoves(Array(ids[done...]))
        }
    }

    /// One CreateWorkload call. A thrown error and an error message inside a stream that ended
    /// OK (plan-time failures arrive that way) are both failures.
    private func createBatch(_ size: Int, for set: ReplicaSetSpec, ticket: Int) async -> ActionResult {
        do {
            let messages = try await operations.create(set.deployOptions(count: size))
            let created = messages.filter { $0.success && !$0.id.isEmpty }.map(\.id)
            expectations.land(ticket: ticket, batch: size, ids: created, now: clock())
            let failures = messages.filter { !$0.success || !$0.error.isEmpty }.map(Self.describe)
            var error = failures.isEmpty ? nil : failures.joined(separator: "; ")
            if error == nil && created.count < size {
                error = "the core created \(created.count) of \(size) without saying why"
            }
            return ActionResult(set: set.key, kind: .create, requested: size, ids: created, error: error, at: clock())
        } catch {
            expectations.land(ticket: ticket, batch: size, ids: [], now: clock())
            return ActionResult(set: set.key, kind: .create, requested: size, error: "\(error)", at: clock())
        }
    }

    private static func describe(_ message: CreateWorkloadMessage) -> String {
        let text = message.error.isEmpty ? "failed" : message.error
        return message.nodename.isEmpty ? text : "on \(message.nodename): \(text)"
    }

    /// One RemoveWorkload call, after dropping the IDs that are already gone (RemoveWorkload
    /// would fail as a whole on them).
    private func removeBatch(_ ids: [String], for set: ReplicaSetSpec) async -> ActionResult {
        let gone = await goneIDs(ids)
        expectations.cancelRemoves(gone)
        let present = ids.filter { !gone.contains($0) }
        guard !present.isEmpty else {
            return ActionResult(set: set.key, kind: .remove, requested: ids.count, alreadyGone: gone, at: clock())
        }

        do {
            let messages = try await operations.remove(ids: present)
            let removed = messages.filter { $0.success && present.contains($0.id) }.map(\.id)
            let notRemoved = present.filter { !removed.contains($0) }
            expectations.cancelRemoves(notRemoved)
            let failures = messages.filter { !$0.success }.map { message in
                let text = message.hook.isEmpty ? "failed" : message.hook
                return message.id.isEmpty ? text : "\(String(message.id.suffix(7))): \(text)"
            }
            var error = failures.isEmpty ? nil : failures.joined(separator: "; ")
            if error == nil && !notRemoved.isEmpty {
                error = "the core did not confirm removing \(notRemoved.count) of \(present.count)"
            }
            return ActionResult(
                set: set.key, kind: .remove, requested: ids.count, ids: removed, alreadyGone: gone,
                error: error, at: clock()
            )
        } catch {
            expectations.cancelRemoves(present)
            return ActionResult(
                set: set.key, kind: .remove, requested: ids.count, alreadyGone: gone, error: "\(error)", at: clock()
            )
        }
    }

    /// IDs the core no longer knows. GetWorkloadsStatus fails as a whole on the first unknown
    /// ID, so on failure each ID is asked about alone; an ID whose own check fails counts as
    /// gone, which errs towards removing nothing.
    private func goneIDs(_ ids: [String]) async -> [String] {
        if (try? await operations.statuses(ids: ids)) != nil { return [] }
        var gone: [String] = []
        for id in ids where (try? await operations.statuses(ids: [id])) == nil {
            gone.append(id)
        }
        return gone
    }
}

/// The outcome of executing a plan the operator confirmed.
public enum ConfirmedPass: Sendable, Equatable {
    /// The state still called for (some of) the confirmed actions; these are their results.
    case executed([ActionResult])
    /// The state now calls for actions the preview did not show, or for none: nothing was
    /// done; this is the new plan.
    case changed(Plan)
}

extension Executor {
    /// Executes what a previewed plan still calls for: planning again now, and acting only if
    /// every action of the new plan was in the preview (it may be less, when the cluster
    /// healed meanwhile), so the operator never gets an action they did not see.
    public func executeConfirmed(
        _ preview: Plan, sets: [ReplicaSetSpec], rows: [WorkloadRow], freshness: Freshness
    ) async -> ConfirmedPass {
        observe(sets: sets, rows: rows)
        let current = plan(sets: sets, rows: rows, freshness: freshness)
        guard !current.hasNoActions, current.isWithin(preview) else { return .changed(current) }
        return .executed(await execute(current, sets: sets))
    }
}
