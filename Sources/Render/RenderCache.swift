import Dashboard

/// Table lines drawn by earlier frames, reused while nothing they show has changed: the row
/// (every field, compared with `==`), whether it is selected, whether the frame is stale, and
/// the screen width. A frame in which one row changed then draws one line, not the screen.
///
/// Give every `Renderer.render` of one screen the same cache. It keeps only the lines of the
/// last table drawn, so it never holds more than a screenful.
public final class RenderCache {
    /// One drawn line and what it was drawn from.
    private struct Line {
        let row: WorkloadRow
        let selected: Bool
        let stale: Bool
        /// One row, as wide as the screen.
        let cells: Grid
    }

    /// The lines of the last table, by row ID.
    private var lines: [String: Line] = [:]
    /// The lines of the table being drawn.
    private var current: [String: Line] = [:]
    /// Lines the last table had to draw rather than reuse.
    private(set) var drawnLines = 0

    public init() {}

    /// The line for `row`: the one drawn earlier when it still applies, else a new one from
    /// `draw`, which gets a blank one-row grid `cols` wide.
    func line(
        for row: WorkloadRow, selected: Bool, stale: Bool, cols: Int, draw: (inout Grid) -> Void
    ) -> Grid {
        if let line = lines[row.id], line.selected == selected, line.stale == stale, line.cells.cols == cols,
            line.row == row
        {
            current[row.id] = line
            return line.cells
        }
        var cells = Grid(rows: 1, cols: cols)
        draw(&cells)
        current[row.id] = Line(row: row, selected: selected, stale: stale, cells: cells)
        drawnLines += 1
        return cells
    }

    /// Starts a table: counts the lines it draws from zero.
    func startTable() {
        drawnLines = 0
    }

    /// Ends a table: keeps the lines it showed and forgets the others.
    func finishTable() {
        lines = current
        current.removeAll(keepingCapacity: true)
    }
}
