import Render
import Testing

/// Expects `grid` to show `expected`, one line per row. Trailing spaces are ignored on both
/// sides (so snapshots survive editors); on mismatch the differing lines are listed.
func expectScreen(_ grid: Grid, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = grid.lines().map(trimmedRight)
    let wanted = expected.isEmpty ? [] : expected.split(separator: "\n", omittingEmptySubsequences: false)
        .map { trimmedRight(String($0)) }
    guard actual != wanted else { return }
    Issue.record(Comment(rawValue: lineDiff(expected: wanted, actual: actual)), sourceLocation: sourceLocation)
}

/// A readable list of the lines that differ, each shown between bars.
func lineDiff(expected: [String], actual: [String]) -> String {
    var report = ["screen mismatch (expected \(expected.count) lines, got \(actual.count)):"]
    for index in 0..<max(expected.count, actual.count) {
        let want = index < expected.count ? expected[index] : nil
        let got = index < actual.count ? actual[index] : nil
        guard want != got else { continue }
        report.append("line \(index):")
        report.append("  expected |\(want ?? "<none>")|")
        report.append("  actual   |\(got ?? "<none>")|")
    }
    report.append("actual screen:")
    report.append(contentsOf: actual.map { "|\($0)|" })
    return report.joined(separator: "\n")
}

/// Expects every row of `grid` to be exactly `grid.cols` columns wide, wide glyphs whole.
func expectAligned(_ grid: Grid, sourceLocation: SourceLocation = #_sourceLocation) {
    for (index, line) in grid.lines().enumerated() {
        #expect(TextWidth.width(line) == grid.cols, "line \(index) |\(line)|", sourceLocation: sourceLocation)
    }
    for row in 0..<grid.rows {
        for col in 0..<grid.cols {
            let cell = grid[row, col]
            if cell.width == 2 {
                #expect(col + 1 < grid.cols && grid[row, col + 1].width == 0, sourceLocation: sourceLocation)
            }
            if cell.width == 0 {
                #expect(col > 0 && grid[row, col - 1].width == 2, sourceLocation: sourceLocation)
            }
        }
    }
}

/// Expects no cell of `grid` to hold a C0 or C1 control, DEL, or a bidi or zero-width scalar.
func expectNoControls(_ grid: Grid, sourceLocation: SourceLocation = #_sourceLocation) {
    for row in 0..<grid.rows {
        for col in 0..<grid.cols {
            for scalar in grid[row, col].character.unicodeScalars {
                let v = scalar.value
                let bad = v < 0x20 || (0x7F...0x9F).contains(v) || (0x200B...0x200F).contains(v)
                    || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0xFEFF
                #expect(!bad, "U+\(String(v, radix: 16)) at (\(row), \(col))", sourceLocation: sourceLocation)
            }
        }
    }
}

private func trimmedRight(_ line: String) -> String {
    var line = line
    while line.last == " " { line.removeLast() }
    return line
}
