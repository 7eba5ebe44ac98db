import Render
import Testing

@Suite struct RendererSnapshotTests {
    @Test func aZeroSizedScreenGetsAnEmptyGrid() {
        let grid = Renderer.render(Fixture.frame(), rows: 0, cols: 0)

        #expect(grid.rows == 0 && grid.cols == 0)
        #expect(grid.lines().isEmpty)
    }

    @Test func aOneByOneScreenShowsAnEllipsis() {
        expectScreen(Renderer.render(Fixture.frame(), rows: 1, cols: 1), "…")
    }

    @Test func aScreenBelowTheMinimumSaysItIsTooSmall() {
        let grid = Renderer.render(Fixture.frame(), rows: 3, cols: 40)

        expectScreen(grid, """
                       terminal too small
                           need 20x5

            """)
    }

    @Test func theSmallestFullLayoutKeepsNameAndStatus() {
        let grid = Renderer.render(Fixture.frame(), rows: 5, cols: 20)

        expectScreen(grid, """
             erutop  127…  live
            no fi…  4 total  1 …
            NAME       STATUS
            web_api_x… healthy
            ? help  q quit  / s…
            """)
        expectAligned(grid)
    }

    @Test func anEightyColumnScreenShowsEveryColumn() {
        let grid = Renderer.render(Fixture.frame(), rows: 24, cols: 80)

        expectScreen(grid, """
             erutop  127.0.0.1:5001  live                                        sort name↑
            no filters                 4 total  1 healthy  1 unhealthy  1 stopped  1 unknown
            ID      NAME                 NODE       STATUS    NETWORKS            EXTENSIONS
            d7e8f91 web_api_x7k2         node-1     healthy   bridge:10.0.0.5     a=x b=2
            00cafe1 web_worker_q9        node-2     unhealthy bridge:172.17.0.2 …
            00beef2 db_main_p1           node-1     stopped                       plain text
            00dead3 cache_redis_r4       node-3     unknown
















            ? help  q quit  / search  a/e/n/l filters  c clear  ⏎ details                1/4
            """)
        expectAligned(grid)
    }

    @Test func aWideScreenGivesTheSpareRoomToExtensions() {
        let grid = Renderer.render(Fixture.frame(), rows: 60, cols: 200)
        let lines = grid.lines()

        #expect(lines[2].hasPrefix(
            "ID      NAME                             NODE           STATUS    NETWORKS                     EXTENSIONS"))
        #expect(lines[4].hasPrefix(
            "00cafe1 web_worker_q9                    node-2         unhealthy bridge:172.17.0.2 host:10.0… "))
        #expect(lines[59].hasSuffix("1/4"))
        #expect(lines[7...58].allSatisfy { $0.allSatisfy { $0 == " " } })
        expectAligned(grid)
    }

    @Test func theDetailScreenListsEveryFieldAndScrolls() {
        let frame = Fixture.frame(screen: .detail(Fixture.rows[0], offset: 0))

        let top = Renderer.render(frame, rows: 24, cols: 80)
        var scrolled = frame
        scrolled.screen = .detail(Fixture.rows[0], offset: 3)
        let down = Renderer.render(scrolled, rows: 12, cols: 60)

        expectScreen(top, """
             erutop  127.0.0.1:5001  live                                        sort name↑
            no filters                 4 total  1 healthy  1 unhealthy  1 stopped  1 unknown
            workload d7e8f91  web_api_x7k2
            ID           a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f91
            Name         web_api_x7k2
            App          web
            Entrypoint   api
            Pod          prod
            Node         node-1
            Image        registry.local/web:1.4
            Created      2024-05-01 10:40:00 UTC
            Status       healthy  running yes, healthy yes
            Last change  2024-05-01 12:33:41 UTC (1m 15s ago)
            Networks     bridge: 10.0.0.5
            Publish      bridge: 10.0.0.5:8080
            Labels       team=core
                         tier=front
            Env          PORT=8080
                         MODE=prod
            Extension    {
                           "a": "x",
                           "b": 2
                         }
            esc/q back  ↑/↓ scroll                                                   1-20/20
            """)
        expectScreen(down, """
             erutop  127.0.0.1:5001  live                    sort name↑
            no filters  4 total  1 healthy  1 unhealthy  1 stopped  1 u…
            workload d7e8f91  web_api_x7k2
            App          web
            Entrypoint   api
            Pod          prod
            Node         node-1
            Image        registry.local/web:1.4
            Created      2024-05-01 10:40:00 UTC
            Status       healthy  running yes, healthy yes
            Last change  2024-05-01 12:33:41 UTC (1m 15s ago)
            esc/q back  ↑/↓ scroll                               4-11/21
            """)
    }

    @Test func theDetailScreenClampsAnOffsetPastTheEnd() {
        let frame = Fixture.frame(screen: .detail(Fixture.rows[0], offset: 1_000))

        let lines = Renderer.render(frame, rows: 12, cols: 60).lines()

        #expect(lines[10].hasPrefix("             }"))
        #expect(lines[11].hasSuffix("14-21/21"))
    }

    @Test func theHelpScreenIsATwoColumnScrollableList() {
        let grid = Renderer.render(Fixture.frame(screen: .help(offset: 2)), rows: 8, cols: 40)

        expectScreen(grid, """
             erutop  127.0.0.1:5001  live
            no filters  4 total  1 healthy  1 unhea…
            keys
            /   search
            a   filter by app
            e   filter by entrypoint
            n   filter by node
            esc/q back  ↑/↓ scroll            3-6/10
            """)
    }

    @Test func anEmptyTableSaysWhy() {
        var frame = Fixture.frame(rows: [], selected: nil)
        frame.filters.appname = "web"

        let grid = Renderer.render(frame, rows: 7, cols: 40)

        expectScreen(grid, """
             erutop  127.0.0.1:5001  live
            filters: app…  0 total  0 healthy  0 un…
            ID      NAME            NODE   STATUS

                 no workloads match the filters

            ? help  q quit  / search  a/e/n/l …  0/0
            """)
    }
}
