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

/// Puts `Grid` frames on a `Terminal`, writing only what changed since the last frame (see
/// `Grid.changes(since:)`). A size change or `invalidate()` clears the screen and compares
/// against a blank frame. Public so `erutop-bench` can time and count the real diff.
public final class Presenter {
    /// The last frame sent to the terminal; nil forces a full repaint.
    private var previous: Grid?
    /// Columns written by the last `present`, for benchmarks.
    public private(set) var lastFrameCells = 0
    /// `Terminal.put` calls made by the last `present`.
    public private(set) var lastFramePuts = 0
    /// The table lines of this screen's frames, for `Renderer.render(_:rows:cols:cache:)`.
    public let renderCache = RenderCache()

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
        let colors = terminal.colorCount > 0
        let runs = grid.changes(since: before)
        for run in runs {
            terminal.put(row: run.row, col: run.col, text: run.text, attributes: Self.attributes(run.style, colors: colors))
        }
        lastFrameCells = runs.reduce(0) { $0 + $1.cells }
        lastFramePuts = runs.count
        terminal.flush()
        previous = grid
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
