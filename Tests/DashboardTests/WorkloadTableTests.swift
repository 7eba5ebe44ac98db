import SeededRandom
import Foundation
import Testing
import Wire

@testable import Dashboard

@Suite struct WorkloadTableTests {
    @Test func anAllEmptyStatusShowsAsUnknownNotStopped() {
        var table = WorkloadTable()

        table.apply(Fixture.change(Fixture.workload(1), running: true, healthy: true), at: Fixture.t0)
        table.apply(Fixture.expired(Fixture.workload(1)), at: Fixture.t0)

        #expect(table.rows[Fixture.id(1)]?.statusWord == .unknown)
        #expect(table.counts.unknown == 1)
        #expect(table.counts.stopped == 0)
    }

    @Test func statusWordsFollowRunningAndHealthy() {
        var table = WorkloadTable()

        table.apply(Fixture.change(Fixture.workload(1), running: true, healthy: true), at: Fixture.t0)
        table.apply(Fixture.change(Fixture.workload(2), running: true, healthy: false), at: Fixture.t0)
        table.apply(Fixture.change(Fixture.workload(3), running: false, healthy: false), at: Fixture.t0)

        #expect(table.rows[Fixture.id(1)]?.statusWord == .healthy)
        #expect(table.rows[Fixture.id(2)]?.statusWord == .unhealthy)
        #expect(table.rows[Fixture.id(3)]?.statusWord == .stopped)
        #expect(table.counts == { var c = StatusCounts(); c.add(.healthy); c.add(.unhealthy); c.add(.stopped); return c }())
    }

    @Test func errorOrDeleteForAnUnknownIDIsDropped() {
        var table = WorkloadTable()

        let removal = table.apply(Fixture.removed(9), at: Fixture.t0)
        let expiry = table.apply(Fixture.expired(Fixture.workload(8)), at: Fixture.t0)

        #expect(removal == .dropped(.unknownID))
        #expect(expiry == .dropped(.unknownID))
        #expect(table.rows.isEmpty)
    }

    @Test func anErrorWithDeleteRemovesTheRow() {
        var table = WorkloadTable()
        table.apply(Fixture.change(Fixture.workload(1), running: true, healthy: true), at: Fixture.t0)

        let outcome = table.apply(Fixture.removed(1), at: Fixture.t0)

        #expect(outcome == .removed)
        #expect(table.rows.isEmpty)
        #expect(table.order.isEmpty)
        #expect(table.counts.total == 0)
    }

    @Test func anErrorWithoutDeleteKeepsTheRow() {
        var table = WorkloadTable()
        table.apply(Fixture.change(Fixture.workload(1), running: true, healthy: true), at: Fixture.t0)
        var message = Fixture.removed(1)
        message.delete = false

        #expect(table.apply(message, at: Fixture.t0) == .unchanged)
        #expect(table.rows.count == 1)
    }

    @Test func anIdenticalReReportChangesNothing() {
        var table = WorkloadTable()
        let message = Fixture.change(Fixture.workload(1), running: true, healthy: true)
        table.apply(message, at: Fixture.t0)

        let outcome = table.apply(message, at: Fixture.t0.addingTimeInterval(5))

        #expect(outcome == .unchanged)
        #expect(table.rows[Fixture.id(1)]?.lastChange == Fixture.t0)
    }

    @Test func nodeFilterAloneFiltersOnTheClient() {
        var table = WorkloadTable(filters: Filters(nodename: "node-2"))

        table.apply(Fixture.change(Fixture.workload(1, node: "node-1"), running: true, healthy: true), at: Fixture.t0)
        table.apply(Fixture.change(Fixture.workload(2, node: "node-2"), running: true, healthy: true), at: Fixture.t0)

        #expect(Array(table.order) == [Fixture.id(2)])
    }

    @Test func labelFilterAloneFiltersOnTheClient() {
        var table = WorkloadTable(filters: Filters(labels: ["tier": "gold"]))
        let gold = Fixture.workload(1, labels: ["tier": "gold", "x": "y"])
        let silver = Fixture.workload(2, labels: ["tier": "silver"])

        table.replaceAll([gold, silver].map { WorkloadRow($0, status: nil, seenAt: Fixture.t0) })

        #expect(Array(table.order) == [Fixture.id(1)])
    }

    @Test func searchMatchesVisibleColumnsCaseInsensitively() {
        var table = WorkloadTable()
        table.apply(Fixture.change(Fixture.workload(1, node: "Alpha"), running: true, healthy: true), at: Fixture.t0)
        table.apply(Fixture.change(Fixture.workload(2, node: "beta"), running: false, healthy: false), at: Fixture.t0)

        table.setFilters(Filters(search: "alp"))
        let byNode = Array(table.order)
        table.setFilters(Filters(search: "STOPPED"))
        let byStatus = Array(table.order)

        #expect(byNode == [Fixture.id(1)])
        #expect(byStatus == [Fixture.id(2)])
        #expect(table.rows.count == 2)
    }

    @Test func orderStaysSortedThroughUpdatesWhenSortedByStatus() {
        var table = WorkloadTable(sort: TableSort(column: .status))
        var rng = SplitMix64(seed: 42)
        for n in 0..<200 {
            table.apply(
                Fixture.change(Fixture.workload(n % 50), running: Bool.random(using: &rng), healthy: Bool.random(using: &rng)),
                at: Fixture.t0.addingTimeInterval(Double(n)))
            if n % 7 == 0 { table.apply(Fixture.removed(n % 50), at: Fixture.t0) }
        }

        let shown = table.order.map { table.rows[$0]! }
        let resorted = table.rows.values.sorted { table.sort.precedes($0, $1) }.map(\.id)
        #expect(Array(table.order) == resorted)
        #expect(table.counts == StatusCounts(shown))
        for (index, id) in table.order.enumerated() { #expect(table.index(of: id) == index) }
    }
}

@Suite struct TableSortTests {
    @Test func sortingByIDFollowsTheShortIDAndItsDirection() {
        var table = WorkloadTable(sort: TableSort(column: .id))
        let rows = ["b000000000000003", "a000000000000001", "c000000000000002"].map { WorkloadRow(id: $0) }
        table.replaceAll(rows)
        let up = Array(table.order)

        table.setSort(TableSort(column: .id, ascending: false))

        #expect(up.map { String($0.suffix(7)) } == ["0000001", "0000002", "0000003"])
        #expect(Array(table.order) == Array(up.reversed()))
    }
}

extension WorkloadTable {
    /// Applies a message built in a test, read as the feed would read it.
    @discardableResult
    mutating func apply(_ message: WorkloadStatusStreamMessage, at now: Date) -> ApplyOutcome {
        apply(StatusUpdate(message), at: now)
    }
}
