import Render
import Testing

@Suite struct GridTests {
    @Test func aZeroByZeroGridHasNoLines() {
        var grid = Grid(rows: 0, cols: 0)

        let used = grid.write("abc", row: 0, col: 0, maxWidth: 3, style: .plain)

        #expect(used == 0)
        #expect(grid.lines().isEmpty)
    }

    @Test func writingClipsAtTheRightEdgeAndAtMaxWidth() {
        var grid = Grid(rows: 2, cols: 5)

        let clippedByEdge = grid.write("abcdefg", row: 0, col: 2, maxWidth: 10, style: .plain)
        let clippedByWidth = grid.write("abcdefg", row: 1, col: 0, maxWidth: 2, style: .plain)

        #expect(clippedByEdge == 3)
        #expect(clippedByWidth == 2)
        #expect(grid.lines() == ["  abc", "ab   "])
    }

    @Test func aWideGlyphTakesTwoCellsAndIsNeverSplitAtTheEdge() {
        var grid = Grid(rows: 1, cols: 5)

        let used = grid.write("a東京", row: 0, col: 0, maxWidth: 5, style: .plain)

        #expect(used == 5)
        #expect(grid[0, 1].width == 2)
        #expect(grid[0, 2].width == 0)
        #expect(grid.lines() == ["a東京"])

        var narrow = Grid(rows: 1, cols: 4)
        #expect(narrow.write("a東京", row: 0, col: 0, maxWidth: 4, style: .plain) == 3)
        #expect(narrow.lines() == ["a東 "])
    }

    @Test func overwritingHalfOfAWideGlyphBlanksTheOtherHalf() {
        var grid = Grid(rows: 2, cols: 4)
        grid.write("東京", row: 0, col: 0, maxWidth: 4, style: .plain)
        grid.write("東京", row: 1, col: 0, maxWidth: 4, style: .plain)

        grid.write("x", row: 0, col: 1, maxWidth: 1, style: .plain)
        grid.write("y", row: 1, col: 2, maxWidth: 1, style: .plain)

        #expect(grid.lines() == [" x京", "東y "])
        expectAligned(grid)
    }

    @Test func aGraphemeClusterStaysInOneCell() {
        var grid = Grid(rows: 1, cols: 4)

        let used = grid.write("e\u{301}🇯🇵!", row: 0, col: 0, maxWidth: 4, style: .plain)

        #expect(used == 4)
        #expect(grid[0, 0].character == "e\u{301}")
        #expect(grid[0, 1].character == "🇯🇵")
    }

    @Test func aCombiningMarkAfterPlainASCIIStaysWithItsLetter() {
        var grid = Grid(rows: 2, cols: 4)

        let used = grid.write("ab\u{301}cd", row: 0, col: 0, maxWidth: 4, style: .plain)
        let clipped = grid.write("abc\u{301}d", row: 1, col: 0, maxWidth: 3, style: .plain)

        #expect(used == 4 && clipped == 3)
        #expect(grid[0, 1].character == "b\u{301}")
        #expect(grid[1, 2].character == "c\u{301}")
        #expect(grid.lines() == ["ab\u{301}cd", "abc\u{301} "])
    }

    @Test func controlCharactersNeverReachTheGrid() {
        var grid = Grid(rows: 1, cols: 6)

        grid.write("a\u{1b}[m\u{9b}", row: 0, col: 0, maxWidth: 6, style: .plain)

        #expect(grid.lines() == ["a\u{FFFD}[m\u{FFFD} "])
        expectNoControls(grid)
    }

    @Test func writesOutsideTheGridAreIgnored() {
        var grid = Grid(rows: 1, cols: 3)

        #expect(grid.write("x", row: 1, col: 0, maxWidth: 3, style: .plain) == 0)
        #expect(grid.write("x", row: -1, col: 0, maxWidth: 3, style: .plain) == 0)
        #expect(grid.write("x", row: 0, col: 3, maxWidth: 3, style: .plain) == 0)
        #expect(grid.write("x", row: 0, col: 0, maxWidth: 0, style: .plain) == 0)
        #expect(grid.lines() == ["   "])
    }

    @Test func writingRecordsTheStyle() {
        var grid = Grid(rows: 1, cols: 2)
        let style = Style(foreground: .red, bold: true)

        grid.write("a", row: 0, col: 1, maxWidth: 1, style: style)

        #expect(grid[0, 1].style == style)
        #expect(grid[0, 0].style == .plain)
    }
}
