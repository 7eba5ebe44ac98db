import Render
import Testing

@Suite struct DialogRenderTests {
    private func frame(_ dialog: Dialog = Fixture.planDialog()) -> DashboardFrame {
        var frame = Fixture.frame()
        frame.dialog = dialog
        return frame
    }

    @Test func thePlanPreviewIsABoxCentredOverTheTable() {
        let grid = Renderer.render(frame(), rows: 24, cols: 80)

        expectScreen(grid, """
             erutop  127.0.0.1:5001  live                                        sort name↑
            no filters                 4 total  1 healthy  1 unhealthy  1 stopped  1 unknown
            ID      NAME                 NODE       STATUS    NETWORKS            EXTENSIONS
            d7e8f91 web_api_x7k2         node-1     healthy   bridge:10.0.0.5     a=x b=2
            00cafe1 web_worker_q9        node-2     unhealthy bridge:172.17.0.2 …
            00beef2 db_main_p1           node-1     stopped                       plain text
            00dead3 cache_redis_r4       node-3     unknown


                       ┌─ reconcile plan ───────────────────────────────────────┐
                       │ demo/web: create 1 in prod from registry.local/web:1.4 │
                       │ demo/worker: remove 00cafe0 on node-2 (newest)         │
                       │ demo/worker: remove 00cafe1 on node-2 (newest)         │
                       │ demo/db: backing off 7s (no capacity on pod prod)      │
                       └─ y execute   esc cancel (default) ─────────────────────┘








            ? help  q quit  / search  a/e/n/l filters  c clear  ⏎ details                1/4
            """)
        expectAligned(grid)
    }

    @Test func aLongBodyScrollsWithAMoreMarker() {
        let grid = Renderer.render(frame(Fixture.planDialog(removals: 30, offset: 3)), rows: 24, cols: 80)

        expectScreen(grid, """
             erutop  127.0.0.1:5001  live                                        sort name↑
            no filters ┌─ reconcile plan ───────────────────────────────────────┐  1 unknown
            ID      NAM│ demo/worker: remove 00cafe2 on node-2 (newest)         │ EXTENSIONS
            d7e8f91 web│ demo/worker: remove 00cafe3 on node-2 (newest)         │ a=x b=2
            00cafe1 web│ demo/worker: remove 00cafe4 on node-2 (newest)         │
            00beef2 db_│ demo/worker: remove 00cafe5 on node-2 (newest)         │ plain text
            00dead3 cac│ demo/worker: remove 00cafe6 on node-2 (newest)         │
                       │ demo/worker: remove 00cafe7 on node-2 (newest)         │
                       │ demo/worker: remove 00cafe8 on node-2 (newest)         │
                       │ demo/worker: remove 00cafe9 on node-2 (newest)         │
                       │ demo/worker: remove 00cafe10 on node-2 (newest)        │
                       │ demo/worker: remove 00cafe11 on node-2 (newest)        │
                       │ demo/worker: remove 00cafe12 on node-2 (newest)        │
                       │ demo/worker: remove 00cafe13 on node-2 (newest)        │
                       │ demo/worker: remove 00cafe14 on node-2 (newest)        │
                       │ demo/worker: remove 00cafe15 on node-2 (newest)        │
                       │ demo/worker: remove 00cafe16 on node-2 (newest)        │
                       │ demo/worker: remove 00cafe17 on node-2 (newest)        │
                       │ demo/worker: remove 00cafe18 on node-2 (newest)        │
                       │ demo/worker: remove 00cafe19 on node-2 (newest)        │
                       │ demo/worker: remove 00cafe20 on node-2 (newest)        │
                       │ more… (10 below)                                       │
                       └─ y execute   esc cancel (default) ─────────────────────┘
            ? help  q quit  / search  a/e/n/l filters  c clear  ⏎ details                1/4
            """)
        #expect(grid[21, 25].style.dim)
    }

    @Test func scrollingStopsWhenTheLastLineIsInView() {
        let dialog = Fixture.planDialog(removals: 30)
        let maxOffset = Renderer.dialogMaxOffset(dialog, rows: 24, cols: 80)
        var last = dialog
        last.offset = maxOffset
        var beyond = dialog
        beyond.offset = 1_000

        let atEnd = Renderer.render(frame(last), rows: 24, cols: 80)
        let pastEnd = Renderer.render(frame(beyond), rows: 24, cols: 80)

        #expect(maxOffset == 12)
        #expect(atEnd == pastEnd)
        #expect(atEnd.lines()[21].contains("│ demo/db: backing off 7s (no capacity on pod prod)      │"))
        #expect(!atEnd.lines().contains { $0.contains("more…") })
    }

    @Test func onTwentyByFiveTheFooterWrapsBetweenHints() {
        expectScreen(Renderer.render(frame(), rows: 5, cols: 20), """
            ┌─ reconcile plan ─┐
            │ demo/web: creat… │
            │ more… (3 below)  │
            │  y execute       │
            └esc cancel (defau…┘
            """)
        #expect(Renderer.dialogMaxOffset(Fixture.planDialog(), rows: 5, cols: 20) == 2)
    }

    @Test func onTenByThreeTheBoxKeepsTitleFooterAndOneLine() {
        expectScreen(Renderer.render(frame(), rows: 3, cols: 10), """
            ┌reconci…┐
            │ more…  │
            └y execu…┘
            """)
    }

    @Test func onTwoLinesTheTitleAndFooterShowWithoutABorder() {
        let grid = Renderer.render(frame(), rows: 2, cols: 30)

        expectScreen(grid, """
            reconcile plan
            y execute   esc cancel (defau…
            """)
        #expect(grid[0, 0].style.reverse && grid[0, 29].style.reverse)
    }

    @Test func onOneLineTitleAndFooterShareIt() {
        expectScreen(Renderer.render(frame(), rows: 1, cols: 40), "reconcile plan  y execute   esc cancel …")
        expectScreen(Renderer.render(frame(), rows: 1, cols: 1), "…")
    }

    @Test func aVeryNarrowScreenListsTheBodyWithoutABorder() {
        expectScreen(Renderer.render(frame(), rows: 8, cols: 5), """

            reco…
            demo…
            demo…
            demo…
            demo…
            y ex…

            """)
    }

    @Test func eachToneHasItsColour() {
        let tones: [Tone] = [.normal, .good, .warning, .bad, .dim]
        let dialog = Dialog(title: "t", lines: tones.map { DialogLine("line", tone: $0) }, footer: "esc close")

        let grid = Renderer.render(frame(dialog), rows: 24, cols: 80)
        let styles = (9...13).map { grid[$0, 30].style }

        #expect(grid.lines()[9].contains("│ line "))
        #expect(styles.map(\.foreground) == [.standard, .green, .yellow, .red, .standard])
        #expect(styles.map(\.dim) == [false, false, false, false, true])
    }

    @Test func hostileDialogTextIsShownAsEscapes() {
        let dialog = Dialog(title: "plan\u{1b}[2J", lines: [DialogLine("err: \u{1b}]0;pwn\u{7}\u{202e}", tone: .bad)],
                            footer: "y\u{9b}1m go")

        let grid = Renderer.render(frame(dialog), rows: 24, cols: 80)
        let text = grid.lines().joined(separator: "\n")

        expectNoControls(grid)
        #expect(text.contains("─ plan\\e[2J ─"))
        #expect(text.contains("│ err: \\e]0;pwn\\x07\\u{202e} "))
        #expect(text.contains("─ y\\u{9b}1m go ─"))
    }

    @Test func anySizeShowsTitleAndFooterAndStaysAligned() {
        let dialogs = [Fixture.planDialog(), Fixture.planDialog(removals: 50, offset: 7),
                       Dialog(title: "", lines: [], footer: "")]
        for dialog in dialogs {
            for rows in [0, 1, 2, 3, 4, 5, 11, 12, 24] {
                for cols in [0, 1, 2, 5, 6, 7, 10, 20, 39, 40, 80, 200] {
                    let grid = Renderer.render(frame(dialog), rows: rows, cols: cols)
                    #expect(grid.rows == rows && grid.cols == cols)
                    expectAligned(grid)
                    if rows >= 2, cols >= 2, !dialog.title.isEmpty {
                        let lines = grid.lines()
                        #expect(lines.contains { $0.contains("r") } && lines.contains { $0.contains("y") },
                                "\(rows)x\(cols) \(lines)")
                    }
                }
            }
        }
    }
}
