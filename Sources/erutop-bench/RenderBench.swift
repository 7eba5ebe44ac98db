import Curses
import Dashboard
import ErutopApp
import Foundation
import Render
import Wire

/// Figure 3: the CPU cost of one frame (dashboard state → `Renderer.render` → `Presenter` diff
/// → ncurses) and the bytes it sends, on a headless xterm-256color terminal whose output goes
/// to a file that is measured after every flush.
enum RenderBench {
    static let screen = (rows: 50, cols: 160)

    static func run(into report: inout Report, workDirectory: String, quick: Bool) throws {
        let outputPath = workDirectory + "/render-terminal.out"
        let terminal = try Terminal.openHeadless(rows: screen.rows, cols: screen.cols, outputPath: outputPath)
        defer { terminal.close() }
        var fullAt: [Int: Double] = [:]
        for rows in [1_000, 10_000, 100_000] {
            var scene = Scene(rows: rows, terminal: terminal, outputPath: outputPath)
            let label = rows >= 1000 ? "\(rows / 1000)k" : "\(rows)"
            let full = scene.measure(repeats: quick ? 5 : 20) { scene in scene.presenter.invalidate() }
            fullAt[rows] = full.milliseconds
            report.add(Figure("3 render", "full frame, \(label) rows", full.milliseconds, "ms",
                              target: rows == 100_000 ? .atMost(2) : nil))
            report.add(Figure("3 render", "full frame bytes, \(label) rows", Double(full.bytes), "B"))

            let fresh = scene.measure(repeats: quick ? 5 : 20) { scene in
                scene.presenter.invalidate()
                scene.cache = RenderCache()
            }
            // The target holds for a page of rows never drawn before too, not only for a repaint.
            report.add(Figure("3 render", "full frame, no line reused, \(label) rows", fresh.milliseconds, "ms",
                              target: rows == 100_000 ? .atMost(2) : nil))

            let one = scene.measure(repeats: quick ? 10 : 50) { scene in scene.changeVisibleRow() }
            report.add(Figure("3 render", "one changed row, \(label) rows", one.milliseconds, "ms"))
            report.add(Figure("3 render", "one changed row bytes, \(label) rows", Double(one.bytes), "B",
                              target: .atMost(200)))

            let burst = scene.measure(repeats: quick ? 3 : 10) { scene in scene.changeRandomRows(1_000) }
            report.add(Figure("3 render", "1,000 changed rows, \(label) rows", burst.milliseconds, "ms"))
            report.add(Figure("3 render", "1,000 changed rows bytes, \(label) rows", Double(burst.bytes), "B"))
            if rows == 100_000 { InputBench.run(on: &scene, label: label, into: &report) }
        }
        if let small = fullAt[1_000], let large = fullAt[100_000] {
            report.add(Figure("3 render", "full frame 100k / 1k rows", large / small, "x", target: .atMost(1.5)))
        }
    }
}

/// One table loaded into the dashboard state, drawn on the shared headless terminal.
struct Scene {
    let terminal: Terminal
    let outputPath: String
    let presenter = Presenter()
    /// The table lines of earlier frames, as the dashboard keeps them (`Presenter.renderCache`).
    var cache = RenderCache()
    var state = DashboardState(address: "127.0.0.1:5001", filters: Filters())
    var sample = SampleWorkloads(seed: 11)
    /// Listed records by ID, to build status changes from.
    var records: [String: Workload] = [:]

    /// The median of some frames: time to produce and write one, and its bytes.
    struct Sample {
        var milliseconds: Double
        var bytes: Int
    }

    init(rows: Int, terminal: Terminal, outputPath: String) {
        self.terminal = terminal
        self.outputPath = outputPath
        let listing = (0..<rows).map { _ in sample.workload() }
        for workload in listing { records[workload.id] = workload }
        _ = state.apply([.subscribed(generation: 1), .listed(generation: 1, workloads: listing, Date()), .connection(.live)])
        draw()
    }

    /// Runs `prepare` then times one frame, `repeats` times; returns the medians.
    mutating func measure(repeats: Int, prepare: (inout Scene) -> Void) -> Sample {
        var times: [Double] = []
        var sizes: [Int] = []
        for _ in 0..<repeats {
            prepare(&self)
            let before = outputSize()
            times.append(ThreadCPU.seconds { draw() } * 1000)
            sizes.append(outputSize() - before)
        }
        return Sample(milliseconds: median(times), bytes: Int(median(sizes.map(Double.init))))
    }

    /// What the dashboard loop does per frame.
    mutating func draw() {
        let frame = state.frame(rows: RenderBench.screen.rows, now: Date())
        presenter.present(Renderer.render(
            frame, rows: RenderBench.screen.rows, cols: RenderBench.screen.cols, cache: cache), on: terminal)
    }

    /// Flips the health of the first visible row (its sort key stays, so it stays in place).
    mutating func changeVisibleRow() {
        let id = state.merger.table.row(at: 0).id
        _ = state.apply([flip(id)])
    }

    /// Flips the health of `count` rows picked at random across the whole table.
    mutating func changeRandomRows(_ count: Int) {
        let order = state.merger.table.order
        var events: [FeedEvent] = []
        for _ in 0..<count {
            events.append(flip(order[sample.below(order.count)]))
        }
        _ = state.apply(events)
    }

    private mutating func flip(_ id: String) -> FeedEvent {
        // A health check result: same networks and extension, the other health.
        var workload = records[id]!
        workload.status?.healthy.toggle()
        records[id] = workload
        var message = WorkloadStatusStreamMessage()
        message.id = id
        message.workload = workload
        message.status = workload.status
        return .messages(generation: 1, [StatusUpdate(message)], Date())
    }

    private func outputSize() -> Int {
        var info = stat()
        return stat(outputPath, &info) == 0 ? Int(info.st_size) : 0
    }
}

/// The middle value (the mean of the two middle ones for an even count).
func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/// The value below which `fraction` of `values` fall (nearest rank).
func percentile(_ values: [Double], _ fraction: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
}
