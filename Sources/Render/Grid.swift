/// A rectangle of cells: what one frame looks like, before any terminal is involved.
///
/// The grid keeps wide glyphs whole: writing over either half of one blanks the other half.
/// It never holds a control character; `write` replaces one with U+FFFD (callers run server
/// text through `Sanitizer` first, so the operator sees a readable escape instead).
public struct Grid: Sendable, Equatable {
    public let rows: Int
    public let cols: Int
    private var cells: [Cell]

    /// A blank grid. Negative sizes are treated as zero.
    public init(rows: Int, cols: Int) {
        self.rows = max(0, rows)
        self.cols = max(0, cols)
        cells = Array(repeating: Cell(), count: self.rows * self.cols)
    }

    /// The cell at `row`, `col`. Both must be in range.
    public subscript(row: Int, col: Int) -> Cell {
        get {
            precondition(contains(row: row, col: col), "cell (\(row), \(col)) outside \(rows)x\(cols)")
            return cells[row * cols + col]
        }
        set {
            precondition(contains(row: row, col: col), "cell (\(row), \(col)) outside \(rows)x\(cols)")
            cells[row * cols + col] = newValue
        }
    }

    /// Writes `text` from (`row`, `col`) using at most `maxWidth` columns, clipped at the right
    /// edge. A wide glyph that does not fit whole is left out, and so is everything after it;
    /// zero-width characters are skipped.
    /// - Returns: the number of columns written.
    @discardableResult
    public mutating func write(_ text: String, row: Int, col: Int, maxWidth: Int, style: Style) -> Int {
        guard row >= 0, row < rows, col >= 0, col < cols else { return 0 }
        let limit = min(maxWidth, cols - col)
        var used = 0
        for original in text {
            let character = Grid.displayable(original)
            let width = TextWidth.width(character)
            if width == 0 { continue }
            if used + width > limit { break }
            put(character, width: width, row: row, col: col + used, style: style)
            used += width
        }
        return used
    }

    /// Sets `count` cells from (`row`, `col`) to blanks in `style`, clipped to the grid.
    mutating func fill(row: Int, col: Int, count: Int, style: Style) {
        guard row >= 0, row < rows else { return }
        let start = max(0, col)
        let end = min(cols, col + count)
        for column in start..<max(start, end) {
            put(" ", width: 1, row: row, col: column, style: style)
        }
    }

    /// The text of each row, continuation cells skipped.
    public func lines() -> [String] {
        (0..<rows).map { row in
            var line = ""
            for col in 0..<cols where cells[row * cols + col].width != 0 {
                line.append(cells[row * cols + col].character)
            }
            return line
        }
    }

    private func contains(row: Int, col: Int) -> Bool {
        row >= 0 && row < rows && col >= 0 && col < cols
    }

    /// Stores one glyph, first blanking any wide glyph it would cut in half.
    private mutating func put(_ character: Character, width: Int, row: Int, col: Int, style: Style) {
        let base = row * cols
        // Overwriting the right half of a wide glyph: its left half becomes a blank.
        if cells[base + col].width == 0, col > 0 {
            cells[base + col - 1] = .blank(cells[base + col - 1].style)
        }
        // The last cell we cover may be the left half of a wide glyph: blank its right half.
        let last = col + width - 1
        if cells[base + last].width == 2, last + 1 < cols {
            cells[base + last + 1] = .blank(cells[base + last + 1].style)
        }
        cells[base + col] = Cell(character: character, width: Int8(width), style: style)
        if width == 2 {
            cells[base + col + 1] = Cell(character: " ", width: 0, style: style)
        }
    }

    /// `character`, or U+FFFD when it holds a control scalar that could drive the terminal.
    private static func displayable(_ character: Character) -> Character {
        if let ascii = character.asciiValue, ascii >= 0x20, ascii != 0x7F { return character }
        for scalar in character.unicodeScalars where Sanitizer.isControl(scalar) {
            return "\u{FFFD}"
        }
        return character
    }
}
