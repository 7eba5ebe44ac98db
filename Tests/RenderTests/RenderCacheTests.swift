import Dashboard
import Foundation
@testable import Render
import Testing

@Suite struct RenderCacheTests {
    /// The fixture rows plus two whose names hold multi-scalar clusters, which a cached line
    /// must carry into a grid that numbers its clusters differently.
    private static let rows: [WorkloadRow] =
        Fixture.rows + [
            WorkloadRow(id: String(repeating: "f", count: 63) + "1", name: "flag_🇯🇵_x", nodename: "node-1",
                        status: Fixture.status(running: true, healthy: true)),
            WorkloadRow(id: String(repeating: "f", count: 63) + "2", name: "cafe\u{301}_web_1", nodename: "node-2",
                        status: Fixture.status(running: true, healthy: false)),
        ]

    /// Each frame of the sequence changes one thing a table line shows.
    private static func frames() -> [(name: String, frame: DashboardFrame, cols: Int)] {
        let base = Fixture.frame(rows: rows)
        var healthFlipped = rows
        healthFlipped[1].status?.healthy.toggle()
        var renamed = healthFlipped
        renamed[2].name = "db_main_renamed"
        let selectionMoved = Fixture.frame(rows: renamed, selected: 3)
        var stale = selectionMoved
        stale.staleSince = Fixture.now.addingTimeInterval(-30)
        let reordered = Fixture.frame(rows: renamed.reversed(), selected: 3)
        return [
            ("first frame", base, 100), ("same frame", base, 100), ("a health flip", Fixture.frame(rows: healthFlipped), 100),
            ("a rename", Fixture.frame(rows: renamed), 100), ("the selection moved", selectionMoved, 100),
            ("stale", stale, 100), ("current again", selectionMoved, 100), ("wider", selectionMoved, 120),
            ("reordered", reordered, 120), ("clusters swapped", Fixture.frame(rows: rows.reversed()), 120),
            ("fewer rows", Fixture.frame(rows: Array(rows.prefix(2))), 120), ("back", base, 100),
        ]
    }

    @Test func aCachedFrameIsTheSameGridAsOneDrawnFromScratch() {
        let cache = RenderCache()

        for (name, frame, cols) in Self.frames() {
            let cached = Renderer.render(frame, rows: 14, cols: cols, cache: cache)
            let fresh = Renderer.render(frame, rows: 14, cols: cols)

            #expect(cached == fresh, "\(name)")
            #expect(cached.lines() == fresh.lines(), "\(name)")
        }
    }

    @Test func onlyLinesWhoseRowChangedAreDrawnAgain() {
        let cache = RenderCache()
        var rows = Self.rows

        _ = Renderer.render(Fixture.frame(rows: rows), rows: 14, cols: 100, cache: cache)
        let first = cache.drawnLines
        _ = Renderer.render(Fixture.frame(rows: rows), rows: 14, cols: 100, cache: cache)
        let unchanged = cache.drawnLines
        rows[4].status?.healthy.toggle()
        _ = Renderer.render(Fixture.frame(rows: rows), rows: 14, cols: 100, cache: cache)
        let oneChanged = cache.drawnLines
        _ = Renderer.render(Fixture.frame(rows: rows, selected: 1), rows: 14, cols: 100, cache: cache)
        let selectionMoved = cache.drawnLines

        #expect(first == rows.count)
        #expect(unchanged == 0)
        #expect(oneChanged == 1)
        #expect(selectionMoved == 2)
    }

    @Test func aCopiedLineKeepsItsOwnClusters() {
        var line = Grid(rows: 1, cols: 6)
        line.write("e\u{301}🇯🇵", row: 0, col: 0, maxWidth: 6, style: .plain)
        var screen = Grid(rows: 2, cols: 6)
        screen.write("🇯🇵e\u{301}", row: 0, col: 0, maxWidth: 6, style: .plain)

        screen.copyRow(1, from: line, row: 0)

        #expect(screen.lines() == ["🇯🇵e\u{301}   ", "e\u{301}🇯🇵   "])
    }
}
