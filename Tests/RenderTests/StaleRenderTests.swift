import Dashboard
import Render
import Testing

@Suite struct StaleRenderTests {
    private func frame(
        connection: ConnectionState = .reconnecting(attempt: 2, nextRetry: nil, lastError: "")
    ) -> DashboardFrame {
        var frame = Fixture.frame()
        frame.connection = connection
        frame.staleSince = Fixture.now.addingTimeInterval(-42)
        return frame
    }

    @Test func aStaleTableShowsTheBannerOnTheStatusLine() {
        let grid = Renderer.render(frame(), rows: 24, cols: 80)

        expectScreen(grid, """
             erutop  127.0.0.1:5001  reconnecting (attempt 2)                    sort name↑
            no filters                 4 total  1 healthy  1 unhealthy  1 stopped  1 unknown
            ID      NAME                 NODE       STATUS    NETWORKS            EXTENSIONS
            d7e8f91 web_api_x7k2         node-1     healthy   bridge:10.0.0.5     a=x b=2
            00cafe1 web_worker_q9        node-2     unhealthy bridge:172.17.0.2 …
            00beef2 db_main_p1           node-1     stopped                       plain text
            00dead3 cache_redis_r4       node-3     unknown
















            stale since 12:34:14 UTC (42s ago) — reconnecting                            1/4
            """)
        expectAligned(grid)
    }

    @Test func everyStaleRowIsDimAndKeepsItsStatusColour() {
        let grid = Renderer.render(frame(), rows: 24, cols: 80)

        #expect((3...6).allSatisfy { row in (0..<80).allSatisfy { grid[row, $0].style.dim } })
        #expect(grid[3, 0].style.reverse)
        #expect(grid[3, 40].style.foreground == .green && grid[5, 40].style.foreground == .red)
        #expect(grid[23, 0].style.reverse && grid[23, 0].style.foreground == .yellow)
    }

    @Test func aStaleFrameOnALiveStreamSaysItIsCatchingUp() {
        let line = Renderer.render(frame(connection: .live), rows: 6, cols: 80).lines()[5]

        #expect(line.hasPrefix("stale since 12:34:14 UTC (42s ago) — catching up   "))
    }

    @Test func thePromptAndTheFlashTakePrecedenceOverTheBanner() {
        var flashed = frame()
        flashed.flash = "copied ID"
        var prompted = flashed
        prompted.prompt = Prompt(label: "search", text: "x")

        #expect(Renderer.render(flashed, rows: 6, cols: 60).lines()[5].hasPrefix("copied ID  "))
        #expect(Renderer.render(prompted, rows: 6, cols: 60).lines()[5].hasPrefix("search: x "))
    }

    @Test func theSmallestLayoutShowsTheBannerCut() {
        expectScreen(Renderer.render(frame(), rows: 5, cols: 20), """
             erutop  12…  reco…
            no fi…  4 total  1 …
            NAME       STATUS
            web_api_x… healthy
            stale since 12:34:1…
            """)
    }

    @Test func tinyScreensShowTheTooSmallNotice() {
        expectScreen(Renderer.render(frame(), rows: 3, cols: 10), """
            terminal …
            need 20x5

            """)
        expectScreen(Renderer.render(frame(), rows: 1, cols: 1), "…")
    }

    @Test func theHeaderTagsAReadOnlySession() {
        var frame = Fixture.frame()
        frame.readOnly = true

        let wide = Renderer.render(frame, rows: 24, cols: 80)
        let narrow = Renderer.render(frame, rows: 5, cols: 20)

        #expect(wide.lines()[0] == " erutop  read-only  127.0.0.1:5001  live                             sort name↑ ")
        #expect(wide[0, 9].style.foreground == .magenta && wide[0, 9].style.reverse)
        expectScreen(narrow, """
             erutop  127…  live
            no fi…  4 total  1 …
            NAME       STATUS
            web_api_x… healthy
            ? help  q quit  / s…
            """)
        expectScreen(Renderer.render(frame, rows: 3, cols: 10), """
            terminal …
            need 20x5

            """)
        expectScreen(Renderer.render(frame, rows: 1, cols: 1), "…")
    }
}
