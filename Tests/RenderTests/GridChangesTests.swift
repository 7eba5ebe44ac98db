import Render
import Testing

@Suite struct GridChangesTests {
    private func grid(_ lines: [String], cols: Int = 8, style: Style = .plain) -> Grid {
        var grid = Grid(rows: lines.count, cols: cols)
        for (row, line) in lines.enumerated() { grid.write(line, row: row, col: 0, maxWidth: cols, style: style) }
        return grid
    }

    @Test func againstABlankScreenEveryNonBlankCellIsARun() {
        let runs = grid(["ab  cd", ""]).changes(since: nil)

        #expect(runs.map(\.text) == ["ab", "cd"])
        #expect(runs.map(\.col) == [0, 4])
        #expect(runs.map(\.cells) == [2, 2])
    }

    @Test func unchangedRowsGiveNoRuns() {
        let before = grid(["same", "old", "same"])

        let runs = grid(["same", "new", "same"]).changes(since: before)

        #expect(runs.map(\.row) == [1])
        #expect(runs.map(\.text) == ["new"])
    }

    @Test func aStyleChangeStartsANewRun() {
        var next = grid(["abcd"])
        next.write("cd", row: 0, col: 2, maxWidth: 2, style: Style(bold: true))

        let runs = next.changes(since: nil)

        #expect(runs.map(\.text) == ["ab", "cd"])
        #expect(runs.map(\.style.bold) == [false, true])
    }

    @Test func aRunEndsAfterAGlyphOfSeveralScalarsAndAWideGlyphIsOneUnit() {
        let runs = grid(["🇯🇵x東y"]).changes(since: nil)

        #expect(runs.map(\.text) == ["🇯🇵", "x東y"])
        #expect(runs.map(\.col) == [0, 2])
        #expect(runs.map(\.cells) == [2, 4])
    }

    @Test func changingHalfOfAWideGlyphRewritesTheWholeGlyph() {
        let before = grid(["東京"])
        var next = before
        next[0, 3] = Cell(character: " ", width: 0, style: Style(bold: true))

        let runs = next.changes(since: before)

        #expect(runs.map(\.text) == ["京"])
        #expect(runs.map(\.col) == [2])
    }

    @Test func theSameClustersStoredInAnotherOrderAreTheSameScreen() {
        var first = Grid(rows: 1, cols: 6)
        first.write("e\u{301}", row: 0, col: 0, maxWidth: 1, style: .plain)
        first.write("🇯🇵", row: 0, col: 2, maxWidth: 2, style: .plain)
        var second = Grid(rows: 1, cols: 6)
        second.write("🇯🇵", row: 0, col: 2, maxWidth: 2, style: .plain)
        second.write("e\u{301}", row: 0, col: 0, maxWidth: 1, style: .plain)

        var other = second
        other.write("🇫🇷", row: 0, col: 2, maxWidth: 2, style: .plain)

        #expect(first == second)
        #expect(second.changes(since: first).isEmpty)
        #expect(other != first)
        #expect(other.changes(since: first).map(\.text) == ["🇫🇷"])
    }

    @Test func everyStyleSurvivesTheCellPacking() {
        let colors: [Color] = [.standard, .black, .red, .green, .yellow, .blue, .magenta, .cyan, .white]
        var styles: [Style] = []
        for foreground in colors {
            for background in colors {
                for flags in 0..<16 {
                    styles.append(Style(foreground: foreground, background: background, bold: flags & 1 != 0,
                                        dim: flags & 2 != 0, reverse: flags & 4 != 0, underline: flags & 8 != 0))
                }
            }
        }
        var grid = Grid(rows: 1, cols: styles.count)

        for (col, style) in styles.enumerated() { grid.write("x", row: 0, col: col, maxWidth: 1, style: style) }

        #expect(styles.indices.allSatisfy { grid[0, $0].style == styles[$0] })
    }
}
