import Dashboard
import Foundation
import Reconcile
import Testing
import Wire

@Suite struct ExecutorTests {
    let clock = TestClock()
    let log = EventLog()

    func executor(_ fake: FakeEru) -> Executor {
        Executor(operations: fake, clock: { [clock] in clock.date }, onEvent: { [log] in log.append($0) })
    }

    @Test func createsInSlowStartBatchesCappedAtTwentyPercent() async {
        let fake = FakeEru()
        let executor = executor(fake)

        let results = await executor.reconcile(sets: [replicaSet(20)], rows: [], freshness: fresh)

        #expect(await fake.createCalls == [1, 2, 4, 4, 4, 4, 1])
        #expect(results.allSatisfy { $0.error == nil })
        #expect(results.flatMap(\.ids).count == 20)
        let expectations = await executor.expectations
        let inFlight = expectations.inFlightCreates(setKey: replicaSet(20).key, alive: [], now: clock.date)
        #expect(inFlight == 20)
    }

    @Test func aSmallSetActsOneAtATime() async {
        let fake = FakeEru()

        _ = await executor(fake).reconcile(sets: [replicaSet(3)], rows: [], freshness: fresh)

        #expect(await fake.createCalls == [1, 1, 1])
    }

    @Test func stopsAtTheFirstFailureAndReleasesTheRest() async {
        let fake = FakeEru()
        await fake.setScript([.succeed, .rpcError("need: 2, available: 0: not enough resource")])
        let executor = executor(fake)

        let results = await executor.reconcile(sets: [replicaSet(10)], rows: [], freshness: fresh)

        #expect(await fake.createCalls == [1, 2])
        #expect(results.map(\.error) == [nil, "need: 2, available: 0: not enough resource"])
        let key = replicaSet(10).key
        #expect(await executor.expectations.inFlightCreates(setKey: key, alive: [], now: clock.date) == 1)
        #expect(await executor.backoff[key]?.consecutiveFailures == 1)
        guard case .backingOff(_, _, let dropped, _) = log.events.last else {
            Issue.record("no backoff event")
            return
        }
        #expect(dropped == 7)
    }

    @Test func anErrorInsideAStreamThatEndsOKIsAFailure() async {
        let fake = FakeEru()
        await fake.setScript([.streamError("node map is empty")])
        let executor = executor(fake)

        let results = await executor.reconcile(sets: [replicaSet(2)], rows: [], freshness: fresh)

        #expect(results.count == 1 && results[0].error == "node map is empty" && results[0].ids.isEmpty)
        #expect(await executor.backoff[replicaSet(2).key]?.lastError == "node map is empty")
        #expect(await executor.expectations.isEmpty)
    }

    @Test func backoffGrowsAndHoldsTheSetBack() async {
        let fake = FakeEru()
        await fake.setScript([.rpcError("a"), .rpcError("b"), .rpcError("c")])
        let executor = executor(fake)
        var delays: [TimeInterval] = []

        for _ in 0..<3 {
            _ = await executor.reconcile(sets: [replicaSet(1)], rows: [], freshness: fresh)
            let until = await executor.backoff[replicaSet(1).key]?.backoffUntil ?? clock.date
            delays.append(until.timeIntervalSince(clock.date))
            clock.advance(1)
            _ = await executor.reconcile(sets: [replicaSet(1)], rows: [], freshness: fresh)
            clock.advance(until.timeIntervalSince(clock.date))
        }

        #expect(delays == [5, 10, 20])
        #expect(await fake.createCalls == [1, 1, 1])
        _ = await executor.reconcile(sets: [replicaSet(1)], rows: [], freshness: fresh)
        #expect(await executor.backoff.isEmpty)
    }

    @Test func removalReChecksIDsAndDropsThoseAlreadyGone() async {
        let rows = (0..<13).map { row("w\($0)", node: "n\($0)", created: old + Int64($0)) }
        let fake = FakeEru(known: Set(rows.map(\.id)).subtracting(["w11"]))
        let executor = executor(fake)

        let results = await executor.reconcile(sets: [replicaSet(10)], rows: rows, freshness: fresh)

        #expect(await fake.removeCalls == [["w12"], ["w10"]])
        #expect(await fake.statusCalls == [["w12"], ["w11", "w10"], ["w11"], ["w10"]])
        #expect(results.map(\.alreadyGone) == [[], ["w11"]])
        #expect(results.allSatisfy { $0.error == nil })
        #expect(await executor.expectations.removes.keys.sorted() == ["w10", "w12"])
    }

    @Test func aFailedRemovalReleasesItsIDsAndBacksOff() async {
        let fake = FakeEru(known: ["a", "b"])
        await fake.failRemoves("lock wait timeout")
        let executor = executor(fake)

        let results = await executor.reconcile(
            sets: [replicaSet(1)], rows: [row("a"), row("b", created: old + 1)], freshness: fresh
        )

        #expect(await fake.removeCalls == [["b"]])
        #expect(results.map(\.error) == ["lock wait timeout"])
        #expect(await executor.expectations.isEmpty)
        #expect(await executor.backoff[replicaSet(1).key]?.consecutiveFailures == 1)
    }

    @Test func aPassWhileAnotherWaitsOnTheCorePlansNothingMore() async throws {
        let fake = FakeEru()
        await fake.hold()
        let executor = executor(fake)
        let first = Task { await executor.reconcile(sets: [replicaSet(1)], rows: [], freshness: fresh) }
        while await fake.waiting == 0 { await Task.yield() }

        let second = await executor.reconcile(sets: [replicaSet(1)], rows: [], freshness: fresh)
        await fake.release()
        let firstResults = await first.value

        #expect(second.isEmpty)
        #expect(firstResults.count == 1 && firstResults[0].ids.count == 1)
        #expect(await fake.createCalls == [1])
    }

    @Test func aStaleStateRunsNothing() async {
        let fake = FakeEru()

        let results = await executor(fake).reconcile(
            sets: [replicaSet(3)], rows: [], freshness: Freshness(connected: true, relistedSinceReconnect: false)
        )

        #expect(results.isEmpty)
        #expect(await fake.createCalls.isEmpty)
    }

    @Test func resultsAndEventsEncodeAsJSON() async throws {
        let fake = FakeEru()
        _ = await executor(fake).reconcile(sets: [replicaSet(1)], rows: [], freshness: fresh)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .secondsSince1970

        let lines = try log.events.map { String(decoding: try encoder.encode($0), as: UTF8.self) }

        #expect(lines.count == 3)
        #expect(lines[2].contains(#""ids":["new1"]"#) && lines[2].contains(#""kind":"create""#))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        #expect(try decoder.decode(ReconcileEvent.self, from: Data(lines[2].utf8)) == log.events[2])
    }
}
