import Foundation
import Testing
import Wire

@testable import Dashboard

@Suite struct FeedMergerTests {
    @Test func messagesThatArriveWhileListingApplyOnTopOfTheListing() {
        var merger = FeedMerger()
        let generation = 1
        merger.subscribe(generation: generation)
        let one = Fixture.workload(1, status: Fixture.status(running: true, healthy: true, id: Fixture.id(1)))
        let two = Fixture.workload(2, status: Fixture.status(running: true, healthy: true, id: Fixture.id(2)))

        merger.receive(StatusUpdate(Fixture.change(one, running: false, healthy: false)), generation: generation, at: Fixture.t0)
        merger.receive(StatusUpdate(Fixture.removed(2)), generation: generation, at: Fixture.t0)
        merger.receive(StatusUpdate(Fixture.change(Fixture.workload(3), running: true, healthy: false)), generation: generation, at: Fixture.t0)
        let heldBack = merger.table.rows.isEmpty
        merger.listed([one, two], generation: generation, at: Fixture.t0)

        #expect(heldBack)
        #expect(merger.phase == .live)
        #expect(merger.table.rows[Fixture.id(1)]?.statusWord == .stopped)
        #expect(merger.table.rows[Fixture.id(2)] == nil)
        #expect(merger.table.rows[Fixture.id(3)]?.statusWord == .unhealthy)
    }

    @Test func onlyTheLastHeldMessagePerIDCounts() {
        var merger = FeedMerger()
        let generation = 1
        merger.subscribe(generation: generation)
        let one = Fixture.workload(1)

        merger.receive(StatusUpdate(Fixture.change(one, running: false, healthy: false)), generation: generation, at: Fixture.t0)
        merger.receive(StatusUpdate(Fixture.change(one, running: true, healthy: true)), generation: generation, at: Fixture.t0)
        merger.listed([one], generation: generation, at: Fixture.t0)

        #expect(merger.table.rows[Fixture.id(1)]?.statusWord == .healthy)
    }

    @Test func aReconnectReplacesTheTableWithTheNewListing() {
        var merger = FeedMerger()
        var generation = 1
        merger.subscribe(generation: generation)
        merger.listed([Fixture.workload(1), Fixture.workload(2)], generation: generation, at: Fixture.t0)

        merger.ended(generation: generation, at: Fixture.t0)
        let staleRowsKept = merger.table.rows.count == 2 && !merger.isFresh
        generation = 2
        merger.subscribe(generation: generation)
        #expect(merger.staleSince == Fixture.t0)
        merger.listed([Fixture.workload(2), Fixture.workload(3)], generation: generation, at: Fixture.t0)

        #expect(staleRowsKept)
        #expect(merger.staleSince == nil)
        #expect(Set(merger.table.rows.values.map(\.id)) == [Fixture.id(2), Fixture.id(3)])
        #expect(merger.isFresh)
    }

    @Test func eventsOfAnOlderSubscriptionAreIgnored() {
        var merger = FeedMerger()
        let old = 1
        merger.subscribe(generation: old)
        let current = 2
        merger.subscribe(generation: current)

        merger.listed([Fixture.workload(1)], generation: old, at: Fixture.t0)
        let oldListingIgnored = merger.phase == .listing
        merger.listed([], generation: current, at: Fixture.t0)
        let outcome = merger.receive(StatusUpdate(Fixture.change(Fixture.workload(5), running: true, healthy: true)), generation: old, at: Fixture.t0)

        #expect(oldListingIgnored)
        #expect(outcome == nil)
        #expect(merger.table.rows.isEmpty)
    }

    @Test func theStateIsFreshOnlyWhileLiveAfterAListing() {
        var merger = FeedMerger()
        #expect(!merger.isFresh)

        let generation = 1
        merger.subscribe(generation: generation)
        #expect(!merger.isFresh)
        merger.listed([], generation: generation, at: Fixture.t0)
        #expect(merger.isFresh)
        merger.ended(generation: generation, at: Fixture.t0)
        #expect(!merger.isFresh)
    }
}

extension FeedMerger {
    /// The listing of `workloads` for subscription `generation`, as the feed would hand it over.
    mutating func listed(_ workloads: [Workload], generation: Int, at now: Date) {
        listed(WorkloadTable(listed: workloads, seenAt: now), generation: generation, at: now)
    }
}
