import Foundation

/// The modal dialog, drawn over whatever is below it.
///
/// On a screen of at least 3x6 it is a box: the title in the top border, the footer in the
/// bottom one, the body between, clipped to the screen with a margin when there is room. Smaller
/// screens get the title on the first line and the footer on the last, with no border; a single
/// line holds both, the footer (the way out) keeping at least half of it.
extension Renderer {
    /// Smallest screen that gets a border around the dialog.
    static let dialogFramedRows = 3
    static let dialogFramedCols = 6
    /// Narrowest box drawn when the screen allows it, however short its texts.
    static let dialogMinimumWidth = 24

    /// The largest `Dialog.offset` that still changes what a `rows` x `cols` screen shows:
    /// scrolling further only repeats the last page.
    public static func dialogMaxOffset(_ dialog: Dialog, rows: Int, cols: Int) -> Int {
        guard rows > 1, cols > 0 else { return 0 }
        return max(0, dialog.lines.count - dialogBox(dialog, rows: rows, cols: cols).bodyHeight)
    }

    /// Where the dialog goes and how its body is laid out.
    struct DialogBox {
        var top: Int
        var left: Int
        var height: Int
        var width: Int
        var framed: Bool
        /// The footer, safe, one piece per line; the last one goes in the bottom border and any
        /// others on the lines just above it.
        var footer: [String]

        /// Body lines between the title and the footer.
        var bodyHeight: Int { height - 1 - footer.count }
        /// First column and width of body text (inside the border and a space of padding).
        var textLeft: Int { framed ? left + 2 : left }
        var textWidth: Int { framed ? width - 4 : width }
    }

    /// The box for `dialog` on a screen of at least 2 lines: as wide as its widest text needs
    /// and as tall as its body, within the screen. A footer too wide for the bottom border wraps
    /// between its key hints (runs of two or more spaces) onto the lines above the border; when
    /// that would leave no body line it stays on one line, cut.
    static func dialogBox(_ dialog: Dialog, rows: Int, cols: Int) -> DialogBox {
        let framed = rows >= dialogFramedRows && cols >= dialogFramedCols
        let maxHeight = rows >= 12 ? rows - 2 : rows
        guard framed else {
            let height = min(maxHeight, max(1, dialog.lines.count) + 2)
            return DialogBox(top: (rows - height) / 2, left: 0, height: height, width: cols, framed: false,
                             footer: [safe(dialog.footer, width: cols)])
        }

        let maxWidth = cols >= 40 ? cols - 4 : cols
        let textLimit = maxWidth - 4
        // Enough for a few wrapped lines; a footer cut shorter than its text ends with "…".
        let footerLimit = maxWidth * 4
        var footer = safe(dialog.footer, width: footerLimit)
        if TextWidth.width(footer) > footerLimit { footer = TextWidth.fit(footer, width: footerLimit) }
        let bodyWidth = dialog.lines.reduce(0) { max($0, TextWidth.width(safe($1.text, width: textLimit))) }
        let borderWidth = max(TextWidth.width(safe(dialog.title, width: textLimit)), TextWidth.width(footer))
        let width = min(maxWidth, max(dialogMinimumWidth, bodyWidth + 4, borderWidth + 6))

        var footerLines = wrapHints(footer, width: width - 6)
        let height = min(maxHeight, max(1, dialog.lines.count) + 1 + footerLines.count)
        // Too short for the wrapped hints and a body line: the footer stays on one line, cut.
        if footerLines.count > height - 2 { footerLines = [footer] }
        return DialogBox(top: (rows - height) / 2, left: (cols - width) / 2, height: height, width: width,
                         framed: true, footer: footerLines)
    }

    /// `hints` (safe text) in lines of at most `width` columns, broken only between hints; one
    /// line when narrower than 8 columns, too few for a key and its word.
    static func wrapHints(_ hints: String, width: Int) -> [String] {
        guard TextWidth.width(hints) > width, width >= 8 else { return [hints] }
        let pieces = hints.split(separator: "  ", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var lines: [String] = []
        for piece in pieces {
            if let last = lines.last, TextWidth.width(last) + 3 + TextWidth.width(piece) <= width {
                lines[lines.count - 1] = last + "   " + piece
            } else {
                lines.append(piece)
            }
        }
        return lines
    }

    static func drawDialog(_ dialog: Dialog, into grid: inout Grid) {
        guard grid.rows > 1 else {
            drawDialogOnOneLine(dialog, into: &grid)
            return
        }
        let box = dialogBox(dialog, rows: grid.rows, cols: grid.cols)
        for row in box.top..<(box.top + box.height) {
            grid.fill(row: row, col: box.left, count: box.width, style: .plain)
        }
        let titleStyle = Style(bold: true)
        let footerStyle = Style(foreground: .cyan, bold: true)
        if box.framed {
            drawBorder(safe(dialog.title, width: box.width), corners: ("┌", "┐"), row: box.top, box: box,
                       style: titleStyle, into: &grid)
            let bottom = box.top + box.height - 1
            drawBorder(box.footer.last ?? "", corners: ("└", "┘"), row: bottom, box: box, style: footerStyle,
                       into: &grid)
            for row in (box.top + 1)..<bottom {
                grid.write("│", row: row, col: box.left, maxWidth: 1, style: .plain)
                grid.write("│", row: row, col: box.left + box.width - 1, maxWidth: 1, style: .plain)
            }
            for (index, line) in box.footer.dropLast().enumerated() {
                // Lined up with the text in the border: `└─ text`.
                draw(line, into: &grid, row: bottom - box.footer.count + 1 + index, col: box.left + 3,
                     maxWidth: box.width - 6, style: footerStyle)
            }
        } else {
            grid.fill(row: box.top, col: 0, count: grid.cols, style: titleStyle.reversed)
            draw(safe(dialog.title, width: grid.cols), into: &grid, row: box.top, col: 0, maxWidth: grid.cols,
                 style: titleStyle.reversed)
            draw(box.footer.last ?? "", into: &grid, row: box.top + box.height - 1, col: 0, maxWidth: grid.cols,
                 style: footerStyle)
        }
        drawDialogBody(dialog, box: box, into: &grid)
    }

    /// The body lines from the clamped offset; when lines remain below, the last visible line
    /// says how many instead.
    private static func drawDialogBody(_ dialog: Dialog, box: DialogBox, into grid: inout Grid) {
        let height = box.bodyHeight
        let total = dialog.lines.count
        guard height > 0, box.textWidth > 0 else { return }
        let first = min(max(0, dialog.offset), max(0, total - height))
        let hidden = total - first - height
        let shown = hidden > 0 ? height - 1 : min(height, total)
        for index in 0..<shown {
            let line = dialog.lines[first + index]
            draw(safe(line.text, width: box.textWidth), into: &grid, row: box.top + 1 + index, col: box.textLeft,
                 maxWidth: box.textWidth, style: toneStyle(line.tone))
        }
        if hidden > 0 {
            let marker = "more… (\(hidden + 1) below)"
            let text = TextWidth.width(marker) <= box.textWidth ? marker : "more…"
            draw(text, into: &grid, row: box.top + height, col: box.textLeft, maxWidth: box.textWidth,
                 style: Style(dim: true))
        }
    }

    /// A border line `┌─ text ─…─┐` (`text` already safe); on a box too narrow for the dashes
    /// the text takes all the room between the corners.
    private static func drawBorder(
        _ text: String, corners: (String, String), row: Int, box: DialogBox, style: Style, into grid: inout Grid
    ) {
        let inner = box.width - 2
        grid.write(corners.0, row: row, col: box.left, maxWidth: 1, style: .plain)
        grid.write(String(repeating: "─", count: inner), row: row, col: box.left + 1, maxWidth: inner, style: .plain)
        grid.write(corners.1, row: row, col: box.left + box.width - 1, maxWidth: 1, style: .plain)
        guard !text.isEmpty else { return }
        if TextWidth.width(text) + 4 <= inner {
            draw(" " + text + " ", into: &grid, row: row, col: box.left + 2, maxWidth: inner - 2, style: style)
        } else {
            draw(text, into: &grid, row: row, col: box.left + 1, maxWidth: inner, style: style)
        }
    }

    /// A one-line screen: `title  footer`, the footer cut first but never below half the line.
    private static func drawDialogOnOneLine(_ dialog: Dialog, into grid: inout Grid) {
        let title = safe(dialog.title, width: grid.cols)
        let footer = safe(dialog.footer, width: grid.cols)
        let footerWidth = TextWidth.width(footer)
        let footerRoom = min(footerWidth, max(grid.cols - TextWidth.width(title) - 2, (grid.cols + 1) / 2))
        let titleRoom = grid.cols - footerRoom - (footerRoom > 0 ? 2 : 0)
        grid.fill(row: 0, col: 0, count: grid.cols, style: .plain)
        draw(title, into: &grid, row: 0, col: 0, maxWidth: titleRoom, style: Style(bold: true, reverse: true))
        draw(footer, into: &grid, row: 0, col: grid.cols - footerRoom, maxWidth: footerRoom,
             style: Style(foreground: .cyan, bold: true))
    }

    /// The colour of a body line.
    static func toneStyle(_ tone: Tone) -> Style {
        switch tone {
        case .normal: .plain
        case .good: Style(foreground: .green)
        case .warning: Style(foreground: .yellow, bold: true)
        case .bad: Style(foreground: .red, bold: true)
        case .dim: Style(dim: true)
        }
    }
}
