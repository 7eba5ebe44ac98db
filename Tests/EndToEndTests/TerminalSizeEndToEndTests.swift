import Foundation
import Testing

extension TerminalResilienceEndToEndTests {
    /// erutop in tmux windows from 1x1 to 300x100, started at a size or resized to it, and through a
    /// storm of resizes: it keeps running and the screen always fits the current size.
    @Suite(.serialized) struct TerminalSizeEndToEndTests {
        /// Below this erutop shows a notice instead of the table (Renderer.minimumCols/Rows).
        private static let minimumColumns = 20
        private static let minimumRows = 5
        /// The simulated cluster: few enough workloads that all fit on an 80x24 screen.
        private static let workloads = 12

        private static let sizes: [(columns: Int, rows: Int)] = [(1, 1), (10, 3), (20, 5), (80, 24), (300, 100)]

        @Test(arguments: sizes)
        func startedAtASizeItShowsWhatFitsAndKeepsRunning(columns: Int, rows: Int) throws {
            let sim = try SimProcess(["--workloads", "\(Self.workloads)", "--seed", "21"])
            defer { sim.stop() }
            let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address], columns: columns, rows: rows)
            defer { tmux.kill() }

            let screen = try tmux.waitFor(timeout: 5) { Self.problems(in: $0, columns: columns, rows: rows).isEmpty }
            #expect(Self.problems(in: screen, columns: columns, rows: rows) == [], "\(screen)")
            #expect(!tmux.paneDead)

            try tmux.resize(columns: 80, rows: 24)
            let grown = try tmux.waitFor(timeout: 5) { Self.problems(in: $0, columns: 80, rows: 24).isEmpty }
            #expect(Self.problems(in: grown, columns: 80, rows: 24) == [], "\(grown)")
        }

        @Test func resizingThroughEverySizeRedrawsForEachOne() throws {
            let sim = try SimProcess(["--workloads", "\(Self.workloads)", "--seed", "22"])
            defer { sim.stop() }
            let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address], columns: 80, rows: 24)
            defer { tmux.kill() }
            try tmux.waitFor { Self.problems(in: $0, columns: 80, rows: 24).isEmpty }

            for (columns, rows) in Self.sizes + Self.sizes.reversed() {
                try tmux.resize(columns: columns, rows: rows)
                // No key and no data change follows: only the resize itself may trigger the redraw.
                let screen = try tmux.waitFor(timeout: 3) { Self.problems(in: $0, columns: columns, rows: rows).isEmpty }

                #expect(Self.problems(in: screen, columns: columns, rows: rows) == [], "\(columns)x\(rows):\n\(screen)")
                #expect(!tmux.paneDead)
            }
        }

        @Test func aStormOfTwoHundredResizesLeavesTheScreenRightForTheLastSize() throws {
            let sim = try SimProcess(["--workloads", "\(Self.workloads)", "--seed", "23"])
            defer { sim.stop() }
            let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address], columns: 80, rows: 24)
            defer { tmux.kill() }
            try tmux.waitFor { Self.problems(in: $0, columns: 80, rows: 24).isEmpty }
            let erutop = try #require(try tmux.erutopPID())

            var random = SystemRandomNumberGenerator()
            for _ in 0..<20 {
                let batch = (0..<10).map { _ in (columns: Int.random(in: 1...220, using: &random), rows: Int.random(in: 1...70, using: &random)) }
                try tmux.resize(through: batch)
                Thread.sleep(forTimeInterval: 0.1)
            }
            try tmux.resize(columns: 97, rows: 31)
            let screen = try tmux.waitFor(timeout: 5) { Self.problems(in: $0, columns: 97, rows: 31).isEmpty }

            #expect(Processes.isAlive(erutop))
            #expect(Self.problems(in: screen, columns: 97, rows: 31) == [], "\(screen)")
        }

        /// What is wrong with `screen` for a terminal of this size; empty when it looks right.
        ///
        /// Big enough: the column titles, every workload that fits and the key hints on the last
        /// row are there; from 80 columns the header spans the full width (its right part ends one
        /// blank column before the edge, mirroring the blank on the left).
        /// Too small: no piece of the table, and the notice wherever it fits.
        static func problems(in screen: String, columns: Int, rows: Int) -> [String] {
            let lines = screenLines(screen)
            var problems: [String] = []
            if lines.count != rows { problems.append("\(lines.count) lines") }
            if let wide = lines.first(where: { $0.count > columns }) { problems.append("line wider than \(columns): \(wide)") }
            let text = lines.joined(separator: "\n")
            guard columns >= minimumColumns, rows >= minimumRows else {
                if text.contains("STATUS") || text.contains("? help") { problems.append("table on a too-small screen") }
                if columns >= 9, rows >= 2, !text.contains("need 20x5") { problems.append("no too-small notice") }
                if columns == 1, rows == 1, !["", "…", "t"].contains(text.trimmingCharacters(in: .whitespaces)) {
                    problems.append("more than a piece of the notice")
                }
                return problems
            }
            guard let header = lines.first, let footer = lines.last else { return problems + ["blank"] }
            if !header.contains("erutop") || !header.contains("live") { problems.append("header: \(header)") }
            if columns >= 80, header.count != columns - 1 || !header.hasSuffix("sort name↑") {
                problems.append("header is \(header.count) wide: \(header)")
            }
            if !footer.hasPrefix("? help") { problems.append("footer: \(footer)") }
            if !text.contains("STATUS") { problems.append("no column titles") }
            if rows - 4 >= workloads {
                let rowsShown = lines.filter { $0.contains("healthy") || $0.contains("stopped") || $0.contains("unknown") }
                // The summary line counts statuses too.
                if rowsShown.count - 1 != workloads { problems.append("\(rowsShown.count - 1) workload rows") }
            }
            return problems
        }
    }
}
