import Dashboard
@testable import Render
import Testing

/// Rows made on demand, recording which ones were read: a table of any size that costs
/// nothing to build and shows exactly what the renderer touched.
private struct CountingRows: RandomAccessCollection {
    /// Shared by the copies the renderer makes.
    final class Log {
        var reads: [Int] = []
    }

    let count: Int
    let log = Log()

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> WorkloadRow {
        log.reads.append(position)
        return WorkloadRow(id: String(format: "%064d", position), name: "app_web_\(position)", nodename: "node",
                           status: Fixture.status(running: true, healthy: position % 2 == 0))
    }
}

@Suite struct RenderCostTests {
    @Test func theTableReadsOnlyTheVisibleRowsHoweverManyThereAre() {
        var frame = Fixture.frame(rows: [], selected: 510)
        frame.scrollOffset = 500
        frame.replicaSets = Fixture.replicaSets
        frame.staleSince = Fixture.now
        let height = Renderer.tableBodyHeight(screenRows: 50, replicaSets: 3)

        var grids: [Grid] = []
        for total in [1_000, 100_000] {
            let rows = CountingRows(count: total)
            var grid = Grid(rows: 50, cols: 120)

            let position = Renderer.drawTable(frame, rows: rows, into: &grid)

            #expect(rows.log.reads == Array(500..<(500 + height)))
            #expect(position == "511/\(total)")
            grids.append(grid)
        }

        #expect(height == 43)
        #expect(grids[0] == grids[1])
        #expect(grids[0].lines()[6].hasPrefix("0000500 app_web_500 "))
    }

    @Test func theLastPageReadsOnlyTheLastRows() {
        var frame = Fixture.frame(rows: [], selected: nil)
        frame.scrollOffset = .max
        let rows = CountingRows(count: 100_000)
        var grid = Grid(rows: 24, cols: 80)

        _ = Renderer.drawTable(frame, rows: rows, into: &grid)

        #expect(rows.log.reads == Array((100_000 - 20)..<100_000))
    }
}
