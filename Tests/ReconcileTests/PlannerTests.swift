import Dashboard
import Foundation
import Reconcile
import Testing

@Suite struct ClassificationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var health: Health
        var ageSeconds: Int64
        var expected: InstanceClass
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "running and healthy is ready, even when new", health: .ready, ageSeconds: 1, expected: .ready),
        Case(name: "new and unhealthy is starting", health: .unhealthy, ageSeconds: 10, expected: .starting),
        Case(name: "new and stopped is starting", health: .stopped, ageSeconds: 10, expected: .starting),
        Case(name: "new without status is starting", health: .unknown, ageSeconds: 119, expected: .starting),
        Case(name: "unhealthy past grace is unhealthy", health: .unhealthy, ageSeconds: 120, expected: .unhealthy),
        Case(name: "stopped past grace is stopped", health: .stopped, ageSeconds: 500, expected: .stopped),
        Case(name: "no status past grace is unknown", health: .unknown, ageSeconds: 500, expected: .unknown),
    ])
    func classifiesInOrder(_ c: Case) {
        let instance = row("a", c.health, created: 1_000_000 - c.ageSeconds)

        #expect(InstanceClass(instance, startupGrace: 120, now: now) == c.expected)
    }

    @Test func onlyReadyAndStartingAreAlive() {
        #expect(InstanceClass.allCases.filter(\.isAlive) == [.ready, .starting])
    }
}

@Suite struct PlannerTests {
    func plan(
        _ set: ReplicaSetSpec, _ rows: [WorkloadRow], expectations: Expectations = Expectations(),
        backoff: [String: Backoff] = [:], freshness: Freshness = fresh
    ) -> Plan {
        Planner.plan(
            sets: [set], rows: rows, expectations: expectations, backoff: backoff, freshness: freshness, now: now
        )
    }

    @Test func createsTheShortfallWithPodAndImage() {
        let result = plan(replicaSet(3), [row("a")])

        #expect(result.sets[0].create == CreateAction(count: 2, podname: "pod", image: "img:1"))
        #expect(result.sets[0].removals.isEmpty)
    }

    @Test func deadInstancesAreReplacedButNeverRemoved() {
        let rows = [row("a"), row("b", .stopped), row("c", .unhealthy), row("d", .unknown)]

        let result = plan(replicaSet(2), rows).sets[0]

        #expect(result.create?.count == 1)
        #expect(result.removals.isEmpty)
        #expect(result.summary.stopped == 1 && result.summary.unhealthy == 1 && result.summary.unknown == 1)
    }

    @Test func onTargetPlansNothing() {
        let result = plan(replicaSet(2), [row("a"), row("b", .unhealthy, created: 1_000_000 - 5)])

        #expect(result.hasNoActions)
        #expect(result.sets[0].summary.ready == 1 && result.sets[0].summary.starting == 1)
    }

    @Test func instancesMustMatchAppEntrypointAndIncludeTheSetLabels() {
        let rows = [
            row("a", labels: ["tier": "x", "other": "1"]),
            row("b", labels: ["tier": "y"]),
            row("c", labels: ["tier": "x"], name: "web_worker_1"),
            row("d", labels: ["tier": "x"], name: "webx_api_1"),
        ]

        let result = plan(replicaSet(1, labels: ["tier": "x"]), rows)

        #expect(result.hasNoActions)
        #expect(result.sets[0].summary.alive == 1)
    }

    struct RemovalCase: Sendable, CustomTestStringConvertible {
        var name: String
        var replicas: Int
        var rows: [WorkloadRow]
        var removed: [String]
        var reasons: [RemovalReason]
        var testDescription: String { name }
    }

    @Test(arguments: [
        RemovalCase(
            name: "starting goes before ready, even older or on emptier nodes", replicas: 2,
            rows: [row("r1", node: "n1"), row("r2", node: "n1"),
                   row("s", .unhealthy, node: "n2", created: 1_000_000 - 5)],
            removed: ["s"], reasons: [.starting]
        ),
        RemovalCase(
            name: "crowded nodes lose instances first, recounted after each pick", replicas: 2,
            rows: [row("a", node: "n1", created: old), row("b", node: "n1", created: old + 1),
                   row("c", node: "n1", created: old + 2), row("d", node: "n2", created: old + 9)],
            removed: ["c", "b"], reasons: [.crowdedNode, .crowdedNode]
        ),
        RemovalCase(
            name: "newest goes first among equals, ties broken by ID", replicas: 1,
            rows: [row("b", node: "n1", created: old + 1), row("a", node: "n2", created: old + 1),
                   row("c", node: "n3", created: old)],
            removed: ["a", "b"], reasons: [.newest, .newest]
        ),
        RemovalCase(
            name: "an old instance coming back removes its replacement", replicas: 2,
            rows: [row("old", node: "n1", created: old - 500), row("keep", node: "n2", created: old),
                   row("replacement", .unknown, node: "n1", created: 1_000_000 - 30)],
            removed: ["replacement"], reasons: [.starting]
        ),
        RemovalCase(
            name: "scaling to zero removes every alive instance and no dead one", replicas: 0,
            rows: [row("a"), row("b", .stopped)], removed: ["a"], reasons: [.newest]
        ),
    ])
    func removesTheExcessInRuleOrder(_ c: RemovalCase) {
        let result = plan(replicaSet(c.replicas), c.rows).sets[0]

        #expect(result.removals.map(\.id) == c.removed)
        #expect(result.removals.map(\.reason) == c.reasons)
        #expect(result.create == nil)
    }

    @Test func removalsCarryShortIDAndNode() {
        let id = String(repeating: "a", count: 57) + "1234567"

        let removal = plan(replicaSet(0), [row(id, node: "n9")]).sets[0].removals[0]

        #expect(removal.shortID == "1234567")
        #expect(removal.nodename == "n9")
    }

    @Test func aSecondPlanWhileCreatesAreInFlightPlansNothing() {
        var expectations = Expectations()
        _ = expectations.reserveCreates(setKey: replicaSet(3).key, count: 2, now: now)

        let result = plan(replicaSet(3), [row("a")], expectations: expectations).sets[0]

        #expect(result.create == nil)
        #expect(result.summary.inFlightCreates == 2)
    }

    @Test func createdIDsCountUntilSeenAliveThenTheRowCounts() {
        var expectations = Expectations()
        let ticket = expectations.reserveCreates(setKey: replicaSet(2).key, count: 1, now: now)
        expectations.land(ticket: ticket, batch: 1, ids: ["new"], now: now)

        let before = plan(replicaSet(2), [row("a")], expectations: expectations).sets[0]
        let landed = [row("a"), row("new", .unknown, created: 1_000_000 - 2)]
        let after = plan(replicaSet(2), landed, expectations: expectations).sets[0]

        #expect(before.create == nil && before.summary.inFlightCreates == 1)
        #expect(after.create == nil && after.summary.inFlightCreates == 0 && after.summary.alive == 2)
    }

    @Test func aSecondPlanWhileRemovesAreInFlightPlansNothing() {
        var expectations = Expectations()
        expectations.reserveRemoves(setKey: replicaSet(1).key, ids: ["b"], now: now)

        let result = plan(replicaSet(1), [row("a"), row("b", created: old + 1)], expectations: expectations).sets[0]

        #expect(result.removals.isEmpty && result.create == nil)
        #expect(result.summary.inFlightRemoves == 1)
    }

    @Test func inFlightCreatesNeverCauseRemovalsOfCurrentInstances() {
        var expectations = Expectations()
        _ = expectations.reserveCreates(setKey: replicaSet(2).key, count: 1, now: now)

        let result = plan(replicaSet(2), [row("a"), row("b")], expectations: expectations).sets[0]

        #expect(result.removals.isEmpty && result.create == nil)
    }

    @Test func expectationsExpireAfterFiveMinutes() {
        var expectations = Expectations()
        _ = expectations.reserveCreates(setKey: replicaSet(2).key, count: 2, now: now.addingTimeInterval(-300))

        let result = plan(replicaSet(2), [], expectations: expectations).sets[0]

        #expect(result.create?.count == 2)
    }

    @Test(arguments: [
        (Freshness(connected: false, relistedSinceReconnect: true), "not connected"),
        (Freshness(connected: true, relistedSinceReconnect: false), "re-list"),
    ])
    func refusesToPlanFromAStaleState(_ freshness: Freshness, _ reason: String) {
        let result = plan(replicaSet(3), [], freshness: freshness)

        #expect(result.hasNoActions)
        #expect(result.refusal?.contains(reason) == true)
        #expect(result.sets[0].summary.desired == 3)
    }

    @Test func aSetInBackoffIsRefusedWithTheReason() {
        var record = Backoff()
        record.recordFailure("node map is empty", now: now)

        let backingOff = plan(replicaSet(2), [], backoff: [replicaSet(2).key: record]).sets[0]
        let later = Planner.plan(
            sets: [replicaSet(2)], rows: [], expectations: Expectations(), backoff: [replicaSet(2).key: record],
            freshness: fresh, now: now.addingTimeInterval(5)
        ).sets[0]

        #expect(backingOff.create == nil)
        #expect(backingOff.refusal?.contains("node map is empty") == true)
        #expect(later.create?.count == 2)
    }
}

@Suite struct ExpectationsTests {
    @Test func observingEndsSeenCreatesAndGoneRemoves() {
        var expectations = Expectations()
        let ticket = expectations.reserveCreates(setKey: "s", count: 2, now: now)
        expectations.land(ticket: ticket, batch: 2, ids: ["c1", "c2"], now: now)
        expectations.reserveRemoves(setKey: "s", ids: ["r1", "r2"], now: now)

        expectations.observe(alive: ["c1"], present: ["c1", "r2"], now: now)

        #expect(Set(expectations.creates.keys) == ["c2"])
        #expect(Set(expectations.removes.keys) == ["r2"])
        #expect(expectations.pending.isEmpty)
    }

    @Test func cancellingATicketDropsItsUnansweredCreates() {
        var expectations = Expectations()
        let ticket = expectations.reserveCreates(setKey: "s", count: 5, now: now)
        expectations.land(ticket: ticket, batch: 1, ids: ["c1"], now: now)

        expectations.cancel(ticket: ticket)

        #expect(expectations.inFlightCreates(setKey: "s", alive: [], now: now) == 1)
    }

    @Test func backoffDoublesFromFiveSecondsUpToFiveMinutes() {
        var record = Backoff()
        var delays: [TimeInterval] = []
        for _ in 0..<9 {
            record.recordFailure("boom", now: now)
            delays.append(record.backoffUntil!.timeIntervalSince(now))
        }

        #expect(delays == [5, 10, 20, 40, 80, 160, 300, 300, 300])
        #expect(record.consecutiveFailures == 9 && record.lastError == "boom")
    }
}
