/// A rectangle of cells: what one frame looks like, before any terminal is involved.
///
/// The grid keeps wide glyphs whole: writing over either half of one blanks the other half.
/// It never holds a control character; `write` replaces one with U+FFFD (callers run server
/// text through `Sanitizer` first, so the operator sees a readable escape instead).
///
/// Cells are stored packed (`CellCode`); a glyph of more than one scalar lives in a side table.
/// Plain ASCII text, nearly all of a frame, is written byte by byte without forming characters.
public struct Grid: Sendable, Equatable {
    public let rows: Int
    public let cols: Int
    /// Row-major.
    private(set) var codes: [CellCode]
    /// The grapheme clusters of more than one scalar that cells refer to.
    private(set) var clusters: [Character] = []

    /// A blank grid. Negative sizes are treated as zero.
    public init(rows: Int, cols: Int) {
        self.rows = max(0, rows)
        self.cols = max(0, cols)
        codes = Array(repeating: .blank, count: self.rows * self.cols)
    }

    /// The cell at `row`, `col`. Both must be in range.
    public subscript(row: Int, col: Int) -> Cell {
        get {
            precondition(contains(row: row, col: col), "cell (\(row), \(col)) outside \(rows)x\(cols)")
            let code = codes[row * cols + col]
            return Cell(character: character(code), width: Int8(code.width), style: Style(code: code.style))
        }
        set {
            precondition(contains(row: row, col: col), "cell (\(row), \(col)) outside \(rows)x\(cols)")
            let width = Int(min(max(newValue.width, 0), 2))
            codes[row * cols + col] = code(for: newValue.character, width: width, style: newValue.style.code)
        }
    }

    /// Same size and every cell the same character, width and style.
    public static func == (lhs: Grid, rhs: Grid) -> Bool {
        guard lhs.rows == rhs.rows, lhs.cols == rhs.cols else { return false }
        if lhs.clusters.isEmpty, rhs.clusters.isEmpty { return lhs.codes == rhs.codes }
        return lhs.codes.indices.allSatisfy { lhs.cellMatches(at: $0, in: rhs) }
    }

    /// Writes `text` from (`row`, `col`) using at most `maxWidth` columns, clipped at the right
    /// edge. A wide glyph that does not fit whole is left out, and so is everything after it;
    /// zero-width characters are skipped.
    /// - Returns: the number of columns written.
    @discardableResult
    public mutating func write(_ text: String, row: Int, col: Int, maxWidth: Int, style: Style) -> Int {
        guard row >= 0, row < rows, col >= 0, col < cols else { return 0 }
        let limit = min(maxWidth, cols - col)
        guard limit > 0 else { return 0 }
        let styleCode = style.code
        let utf8 = text.utf8
        // Plain ASCII first, one byte per cell; the rest character by character.
        let plain = TextWidth.plainASCIIPrefix(utf8, limit: limit)
        var used = 0
        for byte in utf8.prefix(plain) {
            place(CellCode(glyph: UInt32(byte), width: 1, style: styleCode), width: 1, row: row, col: col + used)
            used += 1
        }
        guard plain < utf8.count, used < limit else { return used }
        for original in text[utf8.index(utf8.startIndex, offsetBy: plain)...] {
            let character = Grid.displayable(original)
            let width = TextWidth.width(character)
            if width == 0 { continue }
            if used + width > limit { break }
            place(code(for: character, width: width, style: styleCode), width: width, row: row, col: col + used)
            used += width
        }
        return used
    }

    /// Sets `count` cells from (`row`, `col`) to blanks in `style`, clipped to the grid.
    mutating func fill(row: Int, col: Int, count: Int, style: Style) {
        guard row >= 0, row < rows else { return }
        let start = max(0, col)
        let end = min(cols, col + count)
        let blank = CellCode(glyph: 0x20, width: 1, style: style.code)
        for column in start..<max(start, end) {
            place(blank, width: 1, row: row, col: column)
        }
    }

    /// Makes `row` a copy of row `sourceRow` of `source`, a grid as wide as this one.
    mutating func copyRow(_ row: Int, from source: Grid, row sourceRow: Int) {
        precondition(source.cols == cols, "rows of different widths")
        guard row >= 0, row < rows, sourceRow >= 0, sourceRow < source.rows else { return }
        let base = row * cols
        let sourceBase = sourceRow * cols
        for col in 0..<cols {
            let code = source.codes[sourceBase + col]
            // Cluster indices belong to the source's table: add the cluster to ours.
            codes[base + col] =
                code.isCluster ? self.code(for: source.character(code), width: code.width, style: code.style) : code
        }
    }

    /// The text of each row, continuation cells skipped.
    public func lines() -> [String] {
        (0..<rows).map { row in
            var line = String.UnicodeScalarView()
            for code in codes[row * cols..<(row + 1) * cols] where code.width != 0 {
                line.append(contentsOf: character(code).unicodeScalars)
            }
            return String(line)
        }
    }

    /// The character a cell shows.
    func character(_ code: CellCode) -> Character {
        if code.isCluster { return clusters[Int(code.glyph & ~CellCode.clusterFlag)] }
        return Unicode.Scalar(code.glyph).map(Character.init) ?? "\u{FFFD}"
    }

    /// Whether cell `index` (row-major) looks the same here and in `other`, a grid of the same
    /// size.
    func cellMatches(at index: Int, in other: Grid) -> Bool {
        let mine = codes[index]
        let theirs = other.codes[index]
        guard mine.isCluster || theirs.isCluster else { return mine == theirs }
        return mine.layout == theirs.layout && character(mine) == other.character(theirs)
    }

    private func contains(row: Int, col: Int) -> Bool {
        row >= 0 && row < rows && col >= 0 && col < cols
    }

    /// The code of a cell showing `character`, adding it to the cluster table when it has more
    /// than one scalar.
    private mutating func code(for character: Character, width: Int, style: UInt64) -> CellCode {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first {
            return CellCode(glyph: scalar.value, width: width, style: style)
        }
        let index = clusters.firstIndex { $0.unicodeScalars.elementsEqual(scalars) } ?? clusters.endIndex
        if index == clusters.endIndex { clusters.append(character) }
        return CellCode(glyph: CellCode.clusterFlag | UInt32(index), width: width, style: style)
    }

    /// Stores one glyph, first blanking any wide glyph it would cut in half.
    private mutating func place(_ code: CellCode, width: Int, row: Int, col: Int) {
        let base = row * cols
        // Overwriting the right half of a wide glyph: its left half becomes a blank.
        if codes[base + col].width == 0, col > 0 {
            codes[base + col - 1] = codes[base + col - 1].blanked
        }
        // The last cell we cover may be the left half of a wide glyph: blank its right half.
        let last = col + width - 1
        if codes[base + last].width == 2, last + 1 < cols {
            codes[base + last + 1] = codes[base + last + 1].blanked
        }
        codes[base + col] = code
        if width == 2 {
            codes[base + col + 1] = CellCode(glyph: 0x20, width: 0, style: code.style)
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
