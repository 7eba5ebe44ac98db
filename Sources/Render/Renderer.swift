import Dashboard
import Foundation

/// Turns a `DashboardFrame` into a `Grid`: a pure function of the frame and the screen size.
///
/// Layout, top to bottom: the title bar, the filters and counts line, the screen's own lines
/// (replica-set summaries, column header and table body; or a detail or help page), and the
/// status line (prompt, flash message, stale banner or key hints). A dialog, when there is one,
/// is drawn last, over all of it. Every piece of server text goes through `Sanitizer` first.
public enum Renderer {
    /// Smallest screen that gets the real layout; anything smaller says so instead.
    static let minimumCols = 20
    static let minimumRows = 5

    /// The frame drawn on a `rows` x `cols` screen. With a `cache` (the same one every frame),
    /// table lines whose row has not changed are copied from the last frame, not drawn again;
    /// the grid is the same either way.
    public static func render(_ frame: DashboardFrame, rows: Int, cols: Int, cache: RenderCache? = nil) -> Grid {
        var grid = Grid(rows: rows, cols: cols)
        guard grid.rows > 0, grid.cols > 0 else { return grid }
        if grid.rows >= minimumRows, grid.cols >= minimumCols {
            drawScreen(frame, into: &grid, cache: cache)
        } else {
            drawTooSmall(into: &grid)
        }
        // The dialog asks for a decision, so it shows on any size, even over the notice.
        if let dialog = frame.dialog { drawDialog(dialog, into: &grid) }
        return grid
    }

    /// Table rows visible on a screen `screenRows` tall: all lines but the title bar, the
    /// filter line, the summary lines of `replicaSets` sets, the column header and the status
    /// line. Detail and help pages, which show no sets, get `tableBodyHeight(screenRows:)`.
    public static func tableBodyHeight(screenRows: Int, replicaSets: Int = 0) -> Int {
        guard screenRows >= minimumRows else { return 0 }
        return screenRows - 4 - replicaSetLineCount(screenRows: screenRows, sets: replicaSets)
    }

    /// Title bar, filter line, the current screen and the status line.
    private static func drawScreen(_ frame: DashboardFrame, into grid: inout Grid, cache: RenderCache?) {
        drawTitleBar(frame, into: &grid)
        drawFilterLine(frame, into: &grid)
        let footer: String
        switch frame.screen {
        case .table:
            footer = drawTable(frame, rows: frame.rows, into: &grid, cache: cache)
        case .detail(let row, let offset):
            footer = drawPage(detailPage(row, width: grid.cols, now: frame.now), offset: offset, into: &grid)
        case .help(let offset):
            footer = drawPage(helpPage(frame.helpLines, width: grid.cols), offset: offset, into: &grid)
        }
        drawStatusLine(frame, position: footer, into: &grid)
    }

    /// `text` drawn from `col`, ended with "…" when wider than `maxWidth`. `text` must already
    /// be safe (see `Sanitizer`).
    /// - Returns: the columns used.
    @discardableResult
    static func draw(
        _ text: String, into grid: inout Grid, row: Int, col: Int, maxWidth: Int, style: Style
    ) -> Int {
        let width = min(maxWidth, grid.cols - col)
        guard width > 0 else { return 0 }
        let shown = TextWidth.width(text) <= width ? text : TextWidth.fit(text, width: width)
        return grid.write(shown, row: row, col: col, maxWidth: width, style: style)
    }

    /// Server text made safe for a space `width` columns wide.
    static func safe(_ text: String, width: Int) -> String {
        Sanitizer.visible(text, limit: max(0, width))
    }

    /// A centred notice that fits every size down to 1x1.
    private static func drawTooSmall(into grid: inout Grid) {
        let lines = ["terminal too small", "need \(minimumCols)x\(minimumRows)"]
        let top = max(0, (grid.rows - lines.count) / 2)
        for (index, line) in lines.enumerated() where top + index < grid.rows {
            let col = max(0, (grid.cols - TextWidth.width(line)) / 2)
            draw(line, into: &grid, row: top + index, col: col, maxWidth: grid.cols, style: .plain)
        }
    }
}
