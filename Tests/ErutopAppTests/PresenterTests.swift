import Curses
import Render
import Testing

@testable import ErutopApp

/// Records what the presenter sends, instead of drawing.
final class RecordingSurface: DrawingSurface {
    var colorCount = 256
    var puts: [(row: Int, col: Int, text: String, attributes: TextAttributes)] = []
    var clears = 0

    func put(row: Int, col: Int, text: String, attributes: TextAttributes) { puts.append((row, col, text, attributes)) }
    func clearAll() { clears += 1 }
    func flush() {}
}

@Suite struct PresenterTests {
    private func grid(_ lines: [String], style: Style = .plain) -> Grid {
        var grid = Grid(rows: lines.count, cols: 10)
        for (row, line) in lines.enumerated() { grid.write(line, row: row, col: 0, maxWidth: 10, style: style) }
        return grid
    }

    @Test func theFirstFrameClearsAndDrawsEverything() {
        let surface = RecordingSurface()

        Presenter().present(grid(["hello", "world"]), on: surface)

        #expect(surface.clears == 1)
        #expect(surface.puts.map(\.text) == ["hello", "world"])
    }

    @Test func anIdenticalFrameWritesNothing() {
        let surface = RecordingSurface()
        let presenter = Presenter()
        presenter.present(grid(["a", "b"]), on: surface)
        surface.puts = []

        presenter.present(grid(["a", "b"]), on: surface)

        #expect(surface.puts.isEmpty)
        #expect(presenter.lastFrameCells == 0)
    }

    @Test func oneChangedCellWritesOnlyThatRun() {
        let surface = RecordingSurface()
        let presenter = Presenter()
        presenter.present(grid(["status: up", "other"]), on: surface)
        surface.puts = []

        presenter.present(grid(["status: dn", "other"]), on: surface)

        #expect(surface.puts.count == 1)
        #expect(surface.puts.first?.row == 0)
        #expect(surface.puts.first?.col == 8)
        #expect(surface.puts.first?.text == "dn")
    }

    @Test func aWideGlyphIsWrittenWhole() {
        let surface = RecordingSurface()
        let presenter = Presenter()
        presenter.present(grid(["ab"]), on: surface)
        surface.puts = []

        presenter.present(grid(["東b"]), on: surface)

        #expect(surface.puts.map(\.text) == ["東b"])
    }

    @Test func withoutColoursStylesKeepBoldAndReverse() {
        let attributes = Presenter.attributes(Style(foreground: .green, bold: true, reverse: true), colors: false)

        #expect(attributes.foreground == -1)
        #expect(attributes.bold && attributes.reverse)
    }

    @Test func invalidateRepaintsTheWholeFrame() {
        let surface = RecordingSurface()
        let presenter = Presenter()
        presenter.present(grid(["x"]), on: surface)

        presenter.invalidate()
        presenter.present(grid(["x"]), on: surface)

        #expect(surface.clears == 2)
        #expect(surface.puts.count == 2)
    }
}
