import Foundation
import SeededRandom
import Testing
import Wire

@testable import Dashboard

/// A stream of random changes to random workloads: status flips, new IPs and extensions,
/// records that move (a new name or node), new workloads, removals and expiries.
private struct ChangeStream {
    var rng: SplitMix64
    var nextNumber = 0
    var known: [Workload] = []

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
    }

    mutating func listing(_ count: Int) -> [Workload] {
        known = (0..<count).map { _ in newWorkload() }
        return known
    }

    mutating func newWorkload() -> Workload {
        nextNumber += 1
        let apps = ["demo", "billing", "Web", "cache"]
        var workload = Fixture.workload(
            nextNumber, app: apps[Int.random(in: 0..<apps.count, using: &rng)],
            node: "node-\(Int.random(in: 1...4, using: &rng))")
        workload.createTime = Int64.random(in: 0...20, using: &rng)
        workload.status = randomStatus(for: workload.id)
        return workload
    }

    mutating func randomStatus(for id: String) -> WorkloadStatus {
        var status = Fixture.status(
            running: Bool.random(using: &rng), healthy: Bool.random(using: &rng), id: id,
            ip: "10.0.\(Int.random(in: 0...3, using: &rng)).\(Int.random(in: 1...9, using: &rng))")
        if Bool.random(using: &rng) {
            status.extension = Array(#"{"team":"\#(["pay", "ops", "Billing"].randomElement(using: &rng)!)"}"#.utf8)
        }
        return status
    }

    /// The next message, shaped like eru-core's.
    mutating func next() -> WorkloadStatusStreamMessage {
        let roll = Int.random(in: 0..<100, using: &rng)
        if known.isEmpty || roll < 12 {
            let workload = newWorkload()
            known.append(workload)
            return message(for: workload)
        }
        let at = Int.random(in: 0..<known.count, using: &rng)
        switch roll {
        case 12..<22:
            let gone = known.remove(at: at)
            return Fixture.removed(Int(gone.id.suffix(7))!)
        case 22..<27:
            return Fixture.expired(known[at])
        case 27..<42:
            known[at].name = "moved_web_x\(Int.random(in: 0...99, using: &rng))"
            known[at].nodename = "node-\(Int.random(in: 1...4, using: &rng))"
            return message(for: known[at])
        default:
            known[at].status = randomStatus(for: known[at].id)
            return message(for: known[at])
        }
    }

    private func message(for workload: Workload) -> WorkloadStatusStreamMessage {
        var message = WorkloadStatusStreamMessage()
        message.id = workload.id
        message.workload = workload
        message.status = workload.status
        return message
    }
}

@Suite struct OrderRebuildTests {
    /// A change of order: where the table starts from and what the operator asks for.
    struct Case: CustomTestStringConvertible, Sendable {
        var from: (sort: TableSort, search: String)
        var to: (sort: TableSort, search: String)
        var seed: UInt64
        /// Stream messages while the order is built: a few are folded in on the spot, many
        /// by a second job (during which more arrive).
        var messages = 600

        var testDescription: String {
            let to = "\(self.to.sort.description) \"\(self.to.search)\""
            return "\(from.sort.description) \"\(from.search)\" → \(to), \(messages) changes"
        }
    }

    static let cases: [Case] = [
        Case(from: (TableSort(), ""), to: (TableSort(column: .status), ""), seed: 1),
        Case(from: (TableSort(column: .status), ""), to: (TableSort(column: .node, ascending: false), ""), seed: 2),
        Case(from: (TableSort(), ""), to: (TableSort(), "bill"), seed: 3),
        Case(from: (TableSort(column: .created), "10.0.1"), to: (TableSort(column: .created), ""), seed: 4),
        Case(
            from: (TableSort(column: .id), "web"), to: (TableSort(column: .status, ascending: false), "10.0.2"),
            seed: 5),
        Case(from: (TableSort(), "stopped"), to: (TableSort(column: .name, ascending: false), "stopped"), seed: 6),
        Case(from: (TableSort(), ""), to: (TableSort(column: .node), "bill"), seed: 13, messages: 8),
        Case(
            from: (TableSort(column: .status), "web"), to: (TableSort(column: .created, ascending: false), ""),
            seed: 14, messages: 5),
    ]

    private static func liveMerger(_ listing: [Workload], sort: TableSort, search: String) -> FeedMerger {
        var merger = FeedMerger(table: WorkloadTable(filters: Filters(search: search), sort: sort))
        merger.subscribe(generation: 1)
        merger.listed(listing, generation: 1, at: Fixture.t0)
        return merger
    }

    /// Asks for a new order that must be built as a job.
    private static func start(_ merger: inout FeedMerger, _ sort: TableSort, _ filters: Filters) throws -> OrderJob {
        let job = merger.reorder(sort: sort, filters: filters, synchronousBelow: 0)
        return try #require(job)
    }

    private static func byID(_ rows: RowStore) -> [String: WorkloadRow] {
        Dictionary(uniqueKeysWithValues: rows.values.map { ($0.id, $0) })
    }

    private static func expectSameTable(_ table: WorkloadTable, _ reference: WorkloadTable) {
        #expect(byID(table.rows) == byID(reference.rows))
        #expect(Array(table.order) == Array(reference.order))
        #expect(table.counts == reference.counts)
        #expect(table.sort == reference.sort)
        #expect(table.filters == reference.filters)
        for (index, id) in table.order.enumerated() where index % 17 == 0 { #expect(table.index(of: id) == index) }
    }

    @Test(arguments: cases)
    func anOrderBuiltFromASnapshotEndsAsASynchronousRebuildDespiteChangesMeanwhile(_ change: Case) throws {
        var stream = ChangeStream(seed: change.seed)
        let listing = stream.listing(400)
        var merger = Self.liveMerger(listing, sort: change.from.sort, search: change.from.search)
        var reference = Self.liveMerger(listing, sort: change.from.sort, search: change.from.search)

        let job = try Self.start(&merger, change.to.sort, Filters(search: change.to.search))
        reference.setSort(change.to.sort)
        reference.setFilters(Filters(search: change.to.search))
        let shownWhilePending =
            merger.table.sort == change.from.sort && merger.table.filters.search == change.from.search
        var step = 0
        func deliver(_ count: Int) {
            for _ in 0..<count {
                let message = stream.next()
                let at = Fixture.t0.addingTimeInterval(Double(step))
                merger.receive(StatusUpdate(message), generation: 1, at: at)
                reference.receive(StatusUpdate(message), generation: 1, at: at)
                step += 1
            }
        }
        deliver(change.messages)
        // A low limit, so that many changes take the worker's fold (the dashboard's is 1,000).
        let limit = 16
        var outcome = merger.finish(job.run(), foldingAtMost: limit).outcome
        var folds = 0
        while case .restart(let fold) = outcome, folds < 3 {
            folds += 1
            deliver(folds == 1 ? 40 : 6)
            outcome = merger.finish(fold.run(), foldingAtMost: limit).outcome
        }

        guard case .applied = outcome else { throw OutcomeError.notApplied }
        #expect(folds == (change.messages > limit ? 2 : 0))
        #expect(shownWhilePending)
        #expect(!merger.isReordering)
        Self.expectSameTable(merger.table, reference.table)
        for step in 0..<200 {
            let message = stream.next()
            merger.receive(StatusUpdate(message), generation: 1, at: Fixture.t0.addingTimeInterval(Double(step)))
            reference.receive(StatusUpdate(message), generation: 1, at: Fixture.t0.addingTimeInterval(Double(step)))
        }
        Self.expectSameTable(merger.table, reference.table)
    }

    @Test func aListingWhileTheOrderIsBuiltMakesItStartOverFromTheNewRows() throws {
        var stream = ChangeStream(seed: 7)
        var merger = Self.liveMerger(stream.listing(100), sort: TableSort(), search: "")
        let sort = TableSort(column: .node)
        let first = try Self.start(&merger, sort, Filters(search: "demo"))

        merger.subscribe(generation: 2)
        let relisted = stream.listing(150)
        merger.listed(relisted, generation: 2, at: Fixture.t0)
        let restarted = merger.finish(first.run()).outcome
        guard case .restart(let second) = restarted else { throw OutcomeError.notRestarted }
        let outcome = merger.finish(second.run()).outcome

        let reference = Self.liveMerger(relisted, sort: sort, search: "demo")
        guard case .applied = outcome else { throw OutcomeError.notApplied }
        Self.expectSameTable(merger.table, reference.table)
    }

    @Test func aListingBuiltInThePendingOrderIsTakenWholeAndEndsTheWait() throws {
        var stream = ChangeStream(seed: 15)
        var merger = Self.liveMerger(stream.listing(100), sort: TableSort(), search: "")
        let sort = TableSort(column: .status)
        let job = try Self.start(&merger, sort, Filters(search: "demo"))
        let relisted = stream.listing(120)
        var listing = WorkloadTable(filters: Filters(search: "demo"), sort: sort)
        listing.replaceAll(relisted.map { WorkloadRow(listed: $0, seenAt: Fixture.t0) })

        merger.subscribe(generation: 2)
        merger.listed(listing, generation: 2, at: Fixture.t0)
        let waiting = merger.isReordering
        let outcome = merger.finish(job.run()).outcome

        guard case .superseded = outcome else { throw OutcomeError.notApplied }
        #expect(!waiting)
        Self.expectSameTable(merger.table, Self.liveMerger(relisted, sort: sort, search: "demo").table)
    }

    @Test func aNewerRequestSupersedesTheOneBeingBuilt() throws {
        var stream = ChangeStream(seed: 8)
        var merger = Self.liveMerger(stream.listing(100), sort: TableSort(), search: "")
        let first = try Self.start(&merger, TableSort(column: .status), Filters())
        let second = try Self.start(&merger, TableSort(column: .node), Filters())

        let late = merger.finish(first.run()).outcome
        let tableAfterLate = merger.table.sort
        let current = merger.finish(second.run()).outcome

        guard case .superseded = late, case .applied = current else { throw OutcomeError.notApplied }
        #expect(tableAfterLate == TableSort())
        #expect(merger.table.sort == TableSort(column: .node))
    }

    @Test func askingForTheShownOrderAgainCancelsThePendingOne() throws {
        var stream = ChangeStream(seed: 9)
        var merger = Self.liveMerger(stream.listing(100), sort: TableSort(), search: "")
        let job = try Self.start(&merger, TableSort(column: .status), Filters())

        let none = merger.reorder(sort: TableSort(), filters: Filters(), synchronousBelow: 0)
        let outcome = merger.finish(job.run()).outcome

        #expect(none == nil)
        guard case .superseded = outcome else { throw OutcomeError.notApplied }
        #expect(merger.table.sort == TableSort())
        #expect(!merger.isReordering)
    }

    @Test func aSmallTableIsReorderedAtOnce() {
        var stream = ChangeStream(seed: 10)
        var merger = Self.liveMerger(stream.listing(50), sort: TableSort(), search: "")

        let job = merger.reorder(sort: TableSort(column: .status), filters: Filters(search: "10.0"))

        #expect(job == nil)
        #expect(!merger.isReordering)
        #expect(merger.table.sort == TableSort(column: .status))
        #expect(merger.table.filters.search == "10.0")
    }

    @Test func serverSideFiltersApplyAtOnceAndKeepTheOrderSorted() {
        var stream = ChangeStream(seed: 11)
        let listing = stream.listing(200)
        var merger = Self.liveMerger(listing, sort: TableSort(column: .node), search: "")
        var reference = Self.liveMerger(listing, sort: TableSort(column: .node), search: "")

        let job = merger.reorder(
            sort: TableSort(column: .node), filters: Filters(appname: "billing"), synchronousBelow: 0)
        reference.setFilters(Filters(appname: "billing"))

        #expect(job == nil)
        Self.expectSameTable(merger.table, reference.table)
        #expect(merger.table.rows.values.allSatisfy { $0.appname == "billing" })
    }

    enum OutcomeError: Error {
        case notApplied, notRestarted
    }
}

@Suite struct SearchTextCacheTests {
    @Test func theCacheAgreesWithThePlainSearchForEveryRow() {
        var stream = ChangeStream(seed: 12)
        let rows = stream.listing(300).map { WorkloadRow($0, status: $0.status, seenAt: Fixture.t0) }
        let kept = SearchTextCache()

        for search in ["bill", "BILLING", "10.0.2", "team=ops", "stopped", "é", "calico:10"] {
            var cache = SearchTextCache()
            let needle = SearchNeedle(search)
            for row in rows {
                let cached = cache.matches(SearchColumns(row), needle, reusing: kept)
                #expect(cached == Filters(search: search).matchesSearch(row))
            }
        }
    }

    @Test func aRowWhoseStatusChangedIsSearchedInItsNewTexts() {
        let workload = Fixture.workload(
            1, status: Fixture.status(running: true, healthy: true, id: Fixture.id(1), ip: "10.9.9.9"))
        let before = WorkloadRow(workload, status: workload.status, seenAt: Fixture.t0)
        var after = before
        after.status?.networks = ["calico": "10.1.1.1"]
        var cache = SearchTextCache()
        let needle = SearchNeedle("10.9.9")

        let matchedBefore = cache.matches(SearchColumns(before), needle, reusing: SearchTextCache())
        let matchedAfter = cache.matches(SearchColumns(after), needle)

        #expect(matchedBefore)
        #expect(!matchedAfter)
        #expect(cache.count == 1)
    }
}
