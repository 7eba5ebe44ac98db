import Foundation
import Testing
import Wire

@testable import Dashboard

@Suite struct TableViewStateTests {
    private func table(_ count: Int) -> WorkloadTable {
        var table = WorkloadTable()
        table.replaceAll((0..<count).map { WorkloadRow(Fixture.workload($0), status: nil, seenAt: Fixture.t0) })
        return table
    }

    @Test func selectionFollowsTheWorkloadWhenRowsAreInsertedAbove() {
        var table = table(10)
        var view = TableViewState()
        view.select(index: 5, in: table, height: 4)
        let selected = view.selectedID

        var first = Fixture.workload(100)
        first.name = "aaa_web_first"
        table.upsert(WorkloadRow(first, status: nil, seenAt: Fixture.t0))
        view.sync(table, height: 4)

        #expect(view.selectedID == selected)
        #expect(view.selectedIndex == 6)
        #expect(view.offset <= 6 && 6 < view.offset + 4)
    }

    @Test func whenTheSelectedWorkloadGoesTheNeighbourIsSelected() {
        var table = table(5)
        var view = TableViewState()
        view.select(index: 4, in: table, height: 3)

        table.remove(id: Fixture.id(4))
        view.sync(table, height: 3)

        #expect(view.selectedIndex == 3)
        #expect(view.selectedID == Fixture.id(3))
    }

    @Test func movementIsClampedAndScrollsTheOffset() {
        let table = table(100)
        var view = TableViewState()

        view.move(by: -5, in: table, height: 10)
        #expect(view.selectedIndex == 0)
        view.move(by: 25, in: table, height: 10)
        #expect(view.selectedIndex == 25 && view.offset == 16)
        view.select(index: .max, in: table, height: 10)
        #expect(view.selectedIndex == 99 && view.offset == 90)
    }

    @Test func anEmptyTableHasNoSelection() {
        var view = TableViewState()

        view.sync(WorkloadTable(), height: 10)
        view.move(by: 3, in: WorkloadTable(), height: 10)

        #expect(view.selectedID == nil)
        #expect(view.offset == 0)
    }
}
