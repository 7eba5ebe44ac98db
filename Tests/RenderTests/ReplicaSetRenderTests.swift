import Dashboard
import Foundation
import Reconcile
import Render
import Testing

@Suite struct ReplicaSetRenderTests {
    private func frame(_ sets: [ReplicaSetLine] = Fixture.replicaSets) -> DashboardFrame {
        var frame = Fixture.frame()
        frame.replicaSets = sets
        return frame
    }

    @Test func anEightyColumnScreenShowsOneSummaryLinePerSetAboveTheTable() {
        let grid = Renderer.render(frame(), rows: 24, cols: 80)

        expectScreen(grid, """
             erutop  127.0.0.1:5001  live                                        sort name↑
            no filters                 4 total  1 healthy  1 unhealthy  1 stopped  1 unknown
            demo/web     want 3  ready 3
            demo/worker  want 4  ready 2  starting 1  stopped 1  in flight +1/-0
            demo/db      want 2  ready 1  unhealthy 1  backoff 7s: no capacity on pod prod
            ID      NAME                 NODE       STATUS    NETWORKS            EXTENSIONS
            d7e8f91 web_api_x7k2         node-1     healthy   bridge:10.0.0.5     a=x b=2
            00cafe1 web_worker_q9        node-2     unhealthy bridge:172.17.0.2 …
            00beef2 db_main_p1           node-1     stopped                       plain text
            00dead3 cache_redis_r4       node-3     unknown













            ? help  q quit  / search  a/e/n/l filters  c clear  ⏎ details                1/4
            """)
        expectAligned(grid)
    }

    @Test func aWideScreenShowsEveryCountZerosIncluded() {
        let lines = Renderer.render(frame(), rows: 24, cols: 140).lines()

        #expect(lines[2].hasPrefix(
            "demo/web     want 3  ready 3  starting 0  unhealthy 0  stopped 0  unknown 0  in flight +0/-0   "))
        #expect(lines[4].hasPrefix("demo/db      want 2  ready 1  starting 0  unhealthy 1  stopped 0  unknown 0"
            + "  in flight +0/-0  backoff 7s: no capacity on pod prod   "))
    }

    @Test func theSetNameIsRedWhenShortGreenWhenSettledAndYellowWhileConverging() {
        var short = SetSummary(desired: 2)
        short.ready = 1
        var shortButCreating = short
        shortButCreating.inFlightCreates = 1
        var surplus = SetSummary(desired: 1)
        surplus.ready = 2
        let sets = [
            ReplicaSetLine(name: "a/short", summary: short),
            ReplicaSetLine(name: "a/creating", summary: shortButCreating),
            ReplicaSetLine(name: "a/surplus", summary: surplus),
        ] + Fixture.replicaSets

        let grid = Renderer.render(frame(sets), rows: 24, cols: 100)

        #expect((2...7).map { grid[$0, 0].style.foreground } == [.red, .yellow, .yellow, .green, .yellow, .red])
        #expect((2...7).allSatisfy { grid[$0, 0].style.bold })
    }

    @Test func countsAreDimWhenZeroAndInTheirStatusColourOtherwise() {
        let grid = Renderer.render(frame(), rows: 24, cols: 140)
        let line = grid.lines()[4]
        func style(of word: String) -> Style {
            let col = line.distance(from: line.startIndex, to: line.range(of: word)!.lowerBound)
            return grid[4, col].style
        }

        #expect(style(of: "ready 1").foreground == .green)
        #expect(style(of: "starting 0").dim)
        #expect(style(of: "unhealthy 1").foreground == .yellow)
        #expect(style(of: "in flight").dim)
        #expect(style(of: "backoff").foreground == .red)
    }

    @Test func setsBeyondAThirdOfTheScreenAreSummedUpOnTheLastSetLine() {
        let grid = Renderer.render(frame(Fixture.manySets(12)), rows: 24, cols: 80)
        let lines = grid.lines()

        #expect(lines[2].hasPrefix("app0/web  want 1  ready 1   "))
        #expect(lines[8].hasPrefix("app6/web  want 1  ready 1   "))
        #expect(lines[9] == "+5 more sets" + String(repeating: " ", count: 68))
        #expect(grid[9, 0].style.dim)
        #expect(lines[10].hasPrefix("ID      NAME"))
        #expect(lines[11].hasPrefix("d7e8f91 web_api_x7k2"))
    }

    @Test(arguments: [
        (screenRows: 24, sets: 0, body: 20), (screenRows: 24, sets: 3, body: 17), (screenRows: 24, sets: 12, body: 12),
        (screenRows: 7, sets: 3, body: 1), (screenRows: 6, sets: 1, body: 1), (screenRows: 5, sets: 3, body: 1),
        (screenRows: 4, sets: 3, body: 0), (screenRows: 0, sets: 3, body: 0),
    ])
    func theTableBodyLosesTheLinesTheSetsTake(screenRows: Int, sets: Int, body: Int) {
        #expect(Renderer.tableBodyHeight(screenRows: screenRows, replicaSets: sets) == body)
    }

    @Test func theBodyHeightMatchesTheRowsActuallyDrawn() {
        let rows = (0..<40).map { WorkloadRow(id: String(format: "%07d", $0), name: "r\($0)", nodename: "n") }
        for (screenRows, sets) in [(24, 3), (24, 12), (7, 3), (6, 1), (9, 2)] {
            var frame = frame(Fixture.manySets(sets))
            frame.rows = rows
            frame.counts = StatusCounts(rows)

            let lines = Renderer.render(frame, rows: screenRows, cols: 60).lines()

            let drawn = lines.filter { $0.hasPrefix("00000") }.count
            #expect(drawn == Renderer.tableBodyHeight(screenRows: screenRows, replicaSets: sets))
        }
    }

    @Test func theSmallestLayoutKeepsItsTableRowAndShowsNoSets() {
        expectScreen(Renderer.render(frame(), rows: 5, cols: 20), """
             erutop  127…  live
            no fi…  4 total  1 …
            NAME       STATUS
            web_api_x… healthy
            ? help  q quit  / s…
            """)
    }

    @Test func aShortScreenSummarisesTheSetsItCannotList() {
        let grid = Renderer.render(frame(), rows: 7, cols: 20)

        expectScreen(grid, """
             erutop  127…  live
            no fi…  4 total  1 …
            demo…  want 3  read…
            +2 more sets
            NAME       STATUS
            web_api_x… healthy
            ? help  q quit  / s…
            """)
        expectAligned(grid)
    }

    @Test func tinyScreensShowTheTooSmallNotice() {
        expectScreen(Renderer.render(frame(), rows: 3, cols: 10), """
            terminal …
            need 20x5

            """)
        expectScreen(Renderer.render(frame(), rows: 1, cols: 1), "…")
    }

    @Test func hostileSetNamesAndErrorsAreShownAsEscapes() {
        var summary = SetSummary(desired: 1)
        summary.backoff.recordFailure("boom\u{1b}[2J\r\n", now: Fixture.now)
        let sets = [ReplicaSetLine(name: "evil\u{1b}]0;x\u{7}/web\u{202e}", summary: summary)]

        let grid = Renderer.render(frame(sets), rows: 24, cols: 120)

        expectNoControls(grid)
        #expect(grid.lines()[2].hasPrefix(
            "evil\\e]0;x\\x07/web\\u{202e}  want 1  ready 0  backoff 5s: boom\\e[2J\\r\\n   "))
    }

    @Test func anySizeWithManySetsStaysAligned() {
        for sets in [1, 3, 40] {
            for rows in [0, 1, 5, 6, 7, 8, 13, 24] {
                for cols in [0, 1, 10, 20, 21, 47, 80, 133] {
                    let grid = Renderer.render(frame(Fixture.manySets(sets)), rows: rows, cols: cols)
                    #expect(grid.rows == rows && grid.cols == cols)
                    expectAligned(grid)
                }
            }
        }
    }
}
