/// A stretch of one row to send to the terminal: changed cells of one style, as text.
public struct GridRun: Sendable, Equatable {
    public var row: Int
    public var col: Int
    /// The glyphs, continuation cells left out.
    public var text: String
    public var style: Style
    /// Columns it covers.
    public var cells: Int
}

extension Grid {
    /// What to write to turn a screen showing `previous` into this grid: the runs of cells that
    /// differ, row by row, left to right. A nil `previous` stands for a blank screen; it must
    /// otherwise have this grid's size.
    ///
    /// A wide glyph and its continuation cell count as one unit. Adjacent changed units with
    /// the same style form one run. A run ends after a glyph of more than one scalar: ncurses
    /// sums widths per code point, which can disagree with the grid for such clusters (ZWJ
    /// emoji, flags), so the next write restarts at the grid's own column. Rows that did not
    /// change cost one comparison of packed cells.
    public func changes(since previous: Grid?) -> [GridRun] {
        precondition(previous.map { $0.rows == rows && $0.cols == cols } ?? true, "grids of different sizes")
        let before = previous ?? Grid(rows: rows, cols: cols)
        let plain = clusters.isEmpty && before.clusters.isEmpty
        var runs: [GridRun] = []
        for row in 0..<rows {
            let cells = row * cols..<(row + 1) * cols
            if plain, codes[cells] == before.codes[cells] { continue }
            appendChanges(row: row, since: before, to: &runs)
        }
        return runs
    }

    /// The runs of one row that differ from the same row of `before`.
    private func appendChanges(row: Int, since before: Grid, to runs: inout [GridRun]) {
        let base = row * cols
        // The pending run: its first column (-1 when there is none), style, width and UTF-8.
        var runCol = -1
        var runStyle: UInt64 = 0
        var runCells = 0
        var text: [UInt8] = []
        text.reserveCapacity(cols)
        func flush() {
            guard runCol >= 0 else { return }
            runs.append(GridRun(row: row, col: runCol, text: String(decoding: text, as: UTF8.self),
                                style: Style(code: runStyle), cells: runCells))
            runCol = -1
            text.removeAll(keepingCapacity: true)
        }
        var col = 0
        while col < cols {
            let code = codes[base + col]
            let span = code.width == 2 && col + 1 < cols ? 2 : 1
            let changed =
                !cellMatches(at: base + col, in: before) || (span == 2 && !cellMatches(at: base + col + 1, in: before))
            guard changed else {
                flush()
                col += span
                continue
            }
            if runCol >= 0, runStyle != code.style { flush() }
            if runCol < 0 {
                runCol = col
                runStyle = code.style
                runCells = 0
            }
            if code.width == 0 {
                // A continuation cell without its left half cannot be drawn; show a blank.
                text.append(0x20)
            } else if code.glyph < 0x80 {
                text.append(UInt8(code.glyph))
            } else {
                for scalar in character(code).unicodeScalars { text.append(contentsOf: UTF8.encode(scalar)!) }
            }
            runCells += span
            if code.isCluster { flush() }
            col += span
        }
        flush()
    }
}
