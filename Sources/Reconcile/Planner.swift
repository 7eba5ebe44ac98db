import Dashboard
import Foundation

/// Decides, without side effects, what brings each set to its desired count.
///
/// Counts are taken as they will be once in-flight actions land. Creations make up a shortfall;
/// removals only take alive instances beyond the desired count (never dead ones, and never while
/// alive ≤ desired, even if in-flight creations would overshoot: those may still fail).
public enum Planner {
    public static func plan(
        sets: [ReplicaSetSpec], rows: [WorkloadRow], expectations: Expectations,
        backoff: [String: Backoff] = [:], freshness: Freshness, now: Date
    ) -> Plan {
        let observed = sets.map { observe($0, rows: rows, expectations: expectations, backoff: backoff, now: now) }
        if let refusal = freshness.refusal {
            return Plan(refusal: refusal, sets: observed.map { SetPlan(set: $0.set.key, summary: $0.summary) })
        }
        return Plan(sets: observed.map { decide($0, now: now) })
    }

    /// A set's instances, classified, with the counts that include in-flight actions.
    struct Observation {
        var set: ReplicaSetSpec
        var summary: SetSummary
        /// Alive instances not already being removed: the only removal candidates.
        var candidates: [(row: WorkloadRow, instanceClass: InstanceClass)]
    }

    static func instances(of set: ReplicaSetSpec, in rows: [WorkloadRow], now: Date)
        -> [(row: WorkloadRow, instanceClass: InstanceClass)]
    {
        rows.filter { set.matches(appname: $0.appname, entrypoint: $0.entrypoint, labels: $0.labels) }
            .map { ($0, InstanceClass($0, startupGrace: set.startupGrace, now: now)) }
    }

    private static func observe(
        _ set: ReplicaSetSpec, rows: [WorkloadRow], expectations: Expectations,
        backoff: [String: Backoff], now: Date
    ) -> Observation {
        let instances = instances(of: set, in: rows, now: now)
        let alive = Set(instances.filter { $0.instanceClass.isAlive }.map(\.row.id))
        let removing = expectations.inFlightRemoves(alive: alive, now: now)

        var summary = SetSummary(desired: set.replicas)
        for instance in instances { summary.count(instance.instanceClass) }
        summary.inFlightCreates = expectations.inFlightCreates(setKey: set.key, alive: alive, now: now)
        summary.inFlightRemoves = removing.count
        summary.backoff = backoff[set.key] ?? Backoff()

        let candidates = instances.filter { $0.instanceClass.isAlive && !removing.contains($0.row.id) }
        return Observation(set: set, summary: summary, candidates: candidates)
    }

    private static func decide(_ observation: Observation, now: Date) -> SetPlan {
        let set = observation.set
        let summary = observation.summary
        var plan = SetPlan(set: set.key, summary: summary)

        let shortfall = set.replicas - summary.expectedAlive
        let surplus = observation.candidates.count - set.replicas
        guard shortfall > 0 || surplus > 0 else { return plan }

        if summary.backoff.isBackingOff(at: now), let until = summary.backoff.backoffUntil {
            let last = summary.backoff.lastError ?? "unknown error"
            plan.refusal = "backing off until \(until.formatted(.iso8601)) after "
                + "\(summary.backoff.consecutiveFailures) failure(s): \(last)"
            return plan
        }
        if shortfall > 0 {
            plan.create = CreateAction(count: shortfall, podname: set.podname, image: set.image)
        } else {
            plan.removals = pickRemovals(surplus, from: observation.candidates)
        }
        return plan
    }

    /// Picks `count` instances one at a time: starting before ready, then from the node that
    /// holds the most remaining instances, then newest first, then by ID.
    static func pickRemovals(_ count: Int, from candidates: [(row: WorkloadRow, instanceClass: InstanceClass)])
        -> [Removal]
    {
        var remaining = candidates
        var perNode: [String: Int] = [:]
        for candidate in remaining { perNode[candidate.row.nodename, default: 0] += 1 }

        var removals: [Removal] = []
        while removals.count < count,
            let index = remaining.indices.min(by: { removesFirst(remaining[$0], remaining[$1], perNode: perNode) })
        {
            let chosen = remaining.remove(at: index)
            let reason = reason(for: chosen, among: remaining, perNode: perNode)
            perNode[chosen.row.nodename, default: 0] -= 1
            removals.append(
                Removal(id: chosen.row.id, shortID: chosen.row.shortID, nodename: chosen.row.nodename, reason: reason)
            )
        }
        return removals
    }

    /// Why `chosen` goes: it is starting while ready ones stay; or its node holds more instances
    /// than the emptiest node among the alike that stay; or else it is the newest.
    private static func reason(
        for chosen: (row: WorkloadRow, instanceClass: InstanceClass),
        among remaining: [(row: WorkloadRow, instanceClass: InstanceClass)], perNode: [String: Int]
    ) -> RemovalReason {
        if chosen.instanceClass == .starting && remaining.contains(where: { $0.instanceClass == .ready }) {
            return .starting
        }
        let alike = remaining.filter { $0.instanceClass == chosen.instanceClass }
        let fewest = alike.map { perNode[$0.row.nodename, default: 0] }.min()
        if let fewest, perNode[chosen.row.nodename, default: 0] > fewest { return .crowdedNode }
        return .newest
    }

    private static func removesFirst(
        _ a: (row: WorkloadRow, instanceClass: InstanceClass),
        _ b: (row: WorkloadRow, instanceClass: InstanceClass), perNode: [String: Int]
    ) -> Bool {
        if a.instanceClass != b.instanceClass { return a.instanceClass == .starting }
        let nodeA = perNode[a.row.nodename, default: 0]
        let nodeB = perNode[b.row.nodename, default: 0]
        if nodeA != nodeB { return nodeA > nodeB }
        if a.row.createTime != b.row.createTime { return a.row.createTime > b.row.createTime }
        return a.row.id < b.row.id
    }
}
