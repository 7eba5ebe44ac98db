import Curses
import Render

/// What the presenter draws on: the terminal, or a recorder in tests.
public protocol DrawingSurface: AnyObject {
    var colorCount: Int { get }
    func put(row: Int, col: Int, text: String, attributes: TextAttributes)
    func clearAll()
    func flush()
}

extension Terminal: DrawingSurface {}

/// Puts `Grid` frames on a `Terminal`, writing only what changed since the last frame.
///
/// Cells are compared one by one against the previous frame (a wide glyph and its continuation
/// cell count as one unit). Adjacent changed cells with the same style go out as one `put`.
/// A size change or `invalidate()` clears the screen and compares against a blank frame.
/// Public so `erutop-bench` can time and count the real diff.
public final class Presenter {
    /// The last frame sent to the terminal; nil forces a full repaint.
    private var previous: Grid?
    /// Columns written by the last `present`, for benchmarks.
    public private(set) var lastFrameCells = 0
    /// `Terminal.put` calls made by the last `present`.
    public private(set) var lastFramePuts = 0

    /// A run of changed cells waiting to be written.
    private struct Run {
        let col: Int
        let style: Style
        var text = ""
        var cells = 0
    }

    public init() {}

    /// Makes the next `present` clear and redraw the whole screen (e.g. after Ctrl-L).
    public func invalidate() {
        previous = nil
    }

    /// Draws `grid`, sending only the changed runs, then flushes.
    public func present(_ grid: Grid, on terminal: some DrawingSurface) {
        let before = previous.flatMap { $0.rows == grid.rows && $0.cols == grid.cols ? $0 : nil }
        if before == nil {
            terminal.clearAll()
        }
        lastFrameCells = 0
        lastFramePuts = 0
        let colors = terminal.colorCount > 0
        for row in 0..<grid.rows {
            var run: Run?
            var col = 0
            while col < grid.cols {
                let cell = grid[row, col]
                let span = cell.width == 2 && col + 1 < grid.cols ? 2 : 1
                guard Self.changed(grid, before, row: row, cols: col..<col + span) else {
                    flush(&run, row: row, on: terminal, colors: colors)
                    col += span
                    continue
                }
                if let current = run, current.style != cell.style {
                    flush(&run, row: row, on: terminal, colors: colors)
                }
                var extended = run ?? Run(col: col, style: cell.style)
                // A continuation cell without its left half cannot be drawn; show a blank.
                extended.text.append(cell.width == 0 ? " " : cell.character)
                extended.cells += span
                run = extended
                // ncurses sums widths per code point, which can disagree with the grid for
                // multi-scalar clusters (ZWJ emoji, flags): restart at the grid's column after one.
                if cell.character.unicodeScalars.count > 1 {
                    flush(&run, row: row, on: terminal, colors: colors)
                }
                col += span
            }
            flush(&run, row: row, on: terminal, colors: colors)
        }
        terminal.flush()
        previous = grid
    }

    /// Whether any cell in `cols` differs from the previous frame (a blank screen when nil).
    private static func changed(_ grid: Grid, _ before: Grid?, row: Int, cols: Range<Int>) -> Bool {
        cols.contains { col in grid[row, col] != (before?[row, col] ?? Cell()) }
    }

    /// Writes the pending run, if any, and clears it.
    private func flush(_ run: inout Run?, row: Int, on terminal: some DrawingSurface, colors: Bool) {
        guard let pending = run else { return }
        let attributes = Self.attributes(pending.style, colors: colors)
        terminal.put(row: row, col: pending.col, text: pending.text, attributes: attributes)
        lastFrameCells += pending.cells
        lastFramePuts += 1
        run = nil
    }

    /// Render's style in curses terms; without colours only the video attributes remain.
    static func attributes(_ style: Style, colors: Bool) -> TextAttributes {
        TextAttributes(
            foreground: colors ? ansi(style.foreground) : -1,
            background: colors ? ansi(style.background) : -1,
            bold: style.bold,
            dim: style.dim,
            reverse: style.reverse,
            underline: style.underline
        )
    }

    /// The ANSI colour number; -1 for the terminal's default.
    private static func ansi(_ color: Color) -> Int16 {
        switch color {
        case .standard: return -1
        case .black: return 0
        case .red: return 1
        case .green: return 2
        case .yellow: return 3
        case .blue: return 4
        case .magenta: return 5
        case .cyan: return 6
        case .white: return 7
        }
    }
}
