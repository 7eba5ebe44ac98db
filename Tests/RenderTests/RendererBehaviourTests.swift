import Dashboard
import Foundation
import Render
import Testing
import Wire

@Suite struct RendererBehaviourTests {
    @Test func theSelectedRowIsReverseVideoAcrossTheWholeLine() {
        let grid = Renderer.render(Fixture.frame(selected: 1), rows: 10, cols: 80)

        #expect((0..<80).allSatisfy { grid[4, $0].style.reverse })
        #expect((0..<80).allSatisfy { !grid[3, $0].style.reverse && !grid[5, $0].style.reverse })
    }

    @Test func everyStatusIsAWordWithItsColour() {
        let grid = Renderer.render(Fixture.frame(selected: nil), rows: 10, cols: 80)
        let statusColumn = 40

        let seen = (3...6).map { row in
            (String(grid.lines()[row].dropFirst(statusColumn).prefix(9)), grid[row, statusColumn].style)
        }

        #expect(seen.map(\.0) == ["healthy  ", "unhealthy", "stopped  ", "unknown  "])
        #expect(seen[0].1.foreground == .green)
        #expect(seen[1].1.foreground == .yellow)
        #expect(seen[2].1.foreground == .red)
        #expect(seen[3].1.dim && seen[3].1.foreground == .standard)
    }

    @Test func hostileServerTextIsShownAsEscapesAndNeverReachesTheGrid() {
        var status = Fixture.status(running: true, healthy: true, networks: ["n\u{1b}]0;x\u{7}": "1.2.3.4"],
                                    ext: "{\"k\":\"\u{1b}[2J\\u001b[31m\"}")
        status.extension += [0xC2, 0x9B]
        let row = WorkloadRow(id: "evil\u{202e}0000000", name: "x\u{1b}[31mred\u{9b}", nodename: "n\u{200b}1\r\n",
                              labels: ["a\u{1b}": "b\u{2066}"], env: ["K=\u{7f}"], status: status)
        var frame = Fixture.frame(rows: [row])
        frame.address = "core\u{1b}[H"
        frame.flash = "oops\u{1b}c"

        let table = Renderer.render(frame, rows: 8, cols: 120)
        frame.screen = .detail(row, offset: 0)
        let detail = Renderer.render(frame, rows: 30, cols: 120)

        expectNoControls(table)
        expectNoControls(detail)
        #expect(table.lines()[0].contains("core\\e[H"))
        #expect(table.lines()[3].contains("x\\e[31mred\\u{9b}"))
        #expect(table.lines()[3].contains("n\\u{200b}1\\r\\n"))
        #expect(table.lines()[7].hasPrefix("oops\\ec"))
        #expect(detail.lines().contains { $0.contains("a\\e=b\\u{2066}") })
        #expect(detail.lines().contains { $0.contains("K=\\x7f") })
    }

    @Test(arguments: [(24, 80), (10, 41), (6, 25), (30, 133)])
    func wideGlyphRowsKeepEveryLineExactlyAsWideAsTheScreen(rows: Int, cols: Int) {
        let wide = [
            WorkloadRow(id: "0123456789", name: "東京_ウェブ_一", nodename: "노드-하나",
                        status: Fixture.status(running: true, healthy: true, networks: ["网络": "10.0.0.1"],
                                               ext: #"{"状態":"良好😀","n":[1,2]}"#)),
            WorkloadRow(id: "abcdefghij", name: "emoji_🚀🚀🚀_👍🏽", nodename: "🇯🇵node",
                        status: Fixture.status(running: false, healthy: false, ext: "ｱｲｳ 全角テキスト")),
        ]

        let table = Renderer.render(Fixture.frame(rows: wide), rows: rows, cols: cols)
        let detail = Renderer.render(Fixture.frame(rows: wide, screen: .detail(wide[0], offset: 0)),
                                     rows: rows, cols: cols)

        expectAligned(table)
        expectAligned(detail)
        #expect(table.lines()[3].contains("東京"))
    }

    @Test func anyScreenSizeRendersWithoutCrashingAndStaysAligned() {
        let frames = [
            Fixture.frame(), Fixture.frame(screen: .detail(Fixture.rows[0], offset: 2)),
            Fixture.frame(screen: .help(offset: 1)),
        ]
        for frame in frames {
            for rows in [0, 1, 2, 4, 5, 6, 9, 24] {
                for cols in [0, 1, 2, 3, 10, 19, 20, 21, 26, 33, 47, 60, 80, 121] {
                    let grid = Renderer.render(frame, rows: rows, cols: cols)
                    #expect(grid.rows == rows && grid.cols == cols)
                    expectAligned(grid)
                }
            }
        }
    }

    @Test func thePromptShowsLabelTextAndAReverseCursorCell() {
        var frame = Fixture.frame()
        frame.flash = "hidden by the prompt"
        frame.prompt = Prompt(label: "search", text: "web_", cursor: 2)

        let grid = Renderer.render(frame, rows: 6, cols: 40)

        #expect(grid.lines()[5].hasPrefix("search: web_ "))
        #expect(grid[5, 10].character == "b" && grid[5, 10].style.reverse)
        #expect((0..<40).filter { grid[5, $0].style.reverse } == [10])
    }

    @Test func aLongPromptScrollsToKeepTheCursorInView() {
        var frame = Fixture.frame()
        frame.prompt = Prompt(label: "app", text: String(repeating: "x", count: 100) + "END")

        let grid = Renderer.render(frame, rows: 6, cols: 30)

        #expect(grid.lines()[5].hasPrefix("app: " + String(repeating: "x", count: 16) + "END "))
        #expect(grid[5, 24].style.reverse)
    }

    @Test func theFlashMessageReplacesTheKeyHints() {
        var frame = Fixture.frame()
        frame.flash = "copied ID"

        let grid = Renderer.render(frame, rows: 6, cols: 40)

        #expect(grid.lines()[5].hasPrefix("copied ID  "))
    }

    @Test func theReconnectingHeaderCountsDownToTheNextAttempt() {
        var frame = Fixture.frame()
        frame.connection = .reconnecting(attempt: 3, nextRetry: Fixture.now.addingTimeInterval(4.2),
                                         lastError: "connection refused")

        let grid = Renderer.render(frame, rows: 6, cols: 100)

        #expect(grid.lines()[0].hasPrefix(
            " erutop  127.0.0.1:5001  reconnecting (attempt 3, next in 5s): connection refused   "))
        #expect(grid[0, 30].style.reverse && grid[0, 30].style.foreground == .yellow)
    }

    @Test func aLongReconnectErrorIsCutToKeepTheSortOnTheTitleBar() {
        var frame = Fixture.frame()
        frame.connection = .reconnecting(attempt: 2, nextRetry: Fixture.now.addingTimeInterval(4.2),
                                         lastError: "WorkloadStatusStream: UNAVAILABLE: " + String(repeating: "failed to connect ", count: 8))

        let title = Renderer.render(frame, rows: 6, cols: 100).lines()[0]

        #expect(title.hasSuffix("sort name↑ "), "\(title)")
        #expect(title.contains("reconnecting (attempt 2, next in 5s): WorkloadStatusStream"), "\(title)")
        #expect(title.count == 100)
    }

    @Test func onceTheWaitIsOverTheHeaderSaysTheAttemptIsRunning() {
        var frame = Fixture.frame()
        frame.connection = .reconnecting(attempt: 5, nextRetry: Fixture.now.addingTimeInterval(-3),
                                         lastError: "listing failed")

        let grid = Renderer.render(frame, rows: 6, cols: 100)

        #expect(grid.lines()[0].hasPrefix(" erutop  127.0.0.1:5001  reconnecting (attempt 5, trying now): listing failed"))
    }

    @Test func theConnectingHeaderSaysSo() {
        var frame = Fixture.frame(rows: [], selected: nil)
        frame.connection = .connecting

        let lines = Renderer.render(frame, rows: 7, cols: 60).lines()

        #expect(lines[0].hasPrefix(" erutop  127.0.0.1:5001  connecting…"))
        #expect(lines[4].contains("connecting to 127.0.0.1:5001…"))
    }

    @Test func activeFiltersAreListed() {
        var frame = Fixture.frame()
        frame.filters = Filters(appname: "web", entrypoint: "api", nodename: "n1", labels: ["b": "2", "a": "1"],
                                search: "x7")

        let line = Renderer.render(frame, rows: 6, cols: 160).lines()[1]

        #expect(line.hasPrefix(#"filters: app=web entry=api node=n1 labels=a=1,b=2 search="x7"  "#))
    }

    @Test func aHundredThousandRowFrameDrawsOnlyTheVisibleSlice() {
        let rows = (0..<100_000).map { index in
            WorkloadRow(id: String(format: "%064d", index), name: "app_web_\(index)", nodename: "node",
                        status: Fixture.status(running: true, healthy: index % 2 == 0))
        }
        var frame = Fixture.frame(rows: rows, selected: 50_010)
        frame.scrollOffset = 50_000

        let grid = Renderer.render(frame, rows: 50, cols: 120)

        #expect(grid.lines()[3].hasPrefix("0050000 app_web_50000 "))
        #expect(grid.lines()[48].hasPrefix("0050045 app_web_50045 "))
        #expect(grid[13, 0].style.reverse)
        #expect(grid.lines()[49].hasSuffix("50011/100000"))
    }

    @Test func theScrollOffsetIsClampedSoTheLastPageStaysFull() {
        var frame = Fixture.frame(selected: 3)
        frame.scrollOffset = 99

        let lines = Renderer.render(frame, rows: 6, cols: 60).lines()

        #expect(lines[3].hasPrefix("00beef2"))
        #expect(lines[4].hasPrefix("00dead3"))
    }

    @Test func theTableBodyIsTheScreenLessFourLines() {
        #expect(Renderer.tableBodyHeight(screenRows: 24) == 20)
        #expect(Renderer.tableBodyHeight(screenRows: 5) == 1)
        #expect(Renderer.tableBodyHeight(screenRows: 4) == 0)
        #expect(Renderer.tableBodyHeight(screenRows: 0) == 0)
    }
}
