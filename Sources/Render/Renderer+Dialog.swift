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

        /// Body lines between the title and the footer.
        var bodyHeight: Int { height - 2 }
        /// First column and width of body text (inside the border and a space of padding).
        var textLeft: Int { framed ? left + 2 : left }
        var textWidth: Int { framed ? width - 4 : width }
    }

    /// The box for `dialog` on a screen of at least 2 lines: as wide as its widest text needs
    /// and as tall as its body, within the screen.
    static func dialogBox(_ dialog: Dialog, rows: Int, cols: Int) -> DialogBox {
        let framed = rows >= dialogFramedRows && cols >= dialogFramedCols
        let maxHeight = rows >= 12 ? rows - 2 : rows
        let height = min(maxHeight, max(1, dialog.lines.count) + 2)
        guard framed else {
            return DialogBox(top: (rows - height) / 2, left: 0, height: height, width: cols, framed: false)
        }

        let maxWidth = cols >= 40 ? cols - 4 : cols
        let textLimit = maxWidth - 4
        let bodyWidth = dialog.lines.reduce(0) { max($0, TextWidth.width(safe($1.text, width: textLimit))) }
        let borderWidth = max(TextWidth.width(safe(dialog.title, width: textLimit)),
                              TextWidth.width(safe(dialog.footer, width: textLimit)))
        let width = min(maxWidth, max(dialogMinimumWidth, bodyWidth + 4, borderWidth + 6))
        return DialogBox(top: (rows - height) / 2, left: (cols - width) / 2, height: height, width: width,
                         framed: true)
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
            drawBorder(dialog.title, corners: ("┌", "┐"), row: box.top, box: box, style: titleStyle, into: &grid)
            drawBorder(dialog.footer, corners: ("└", "┘"), row: box.top + box.height - 1, box: box,
                       style: footerStyle, into: &grid)
            for row in (box.top + 1)..<(box.top + box.height - 1) {
                grid.write("│", row: row, col: box.left, maxWidth: 1, style: .plain)
                grid.write("│", row: row, col: box.left + box.width - 1, maxWidth: 1, style: .plain)
            }
        } else {
            grid.fill(row: box.top, col: 0, count: grid.cols, style: titleStyle.reversed)
            draw(safe(dialog.title, width: grid.cols), into: &grid, row: box.top, col: 0, maxWidth: grid.cols,
                 style: titleStyle.reversed)
            draw(safe(dialog.footer, width: grid.cols), into: &grid, row: box.top + box.height - 1, col: 0,
                 maxWidth: grid.cols, style: footerStyle)
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

    /// A border line `┌─ text ─…─┐`; on a box too narrow for the dashes the text takes all
    /// the room between the corners.
    private static func drawBorder(
        _ text: String, corners: (String, String), row: Int, box: DialogBox, style: Style, into grid: inout Grid
    ) {
        let inner = box.width - 2
        grid.write(corners.0, row: row, col: box.left, maxWidth: 1, style: .plain)
        grid.write(String(repeating: "─", count: inner), row: row, col: box.left + 1, maxWidth: inner, style: .plain)
        grid.write(corners.1, row: row, col: box.left + box.width - 1, maxWidth: 1, style: .plain)
        let safeText = safe(text, width: inner)
        guard !safeText.isEmpty else { return }
        if TextWidth.width(safeText) + 4 <= inner {
            draw(" " + safeText + " ", into: &grid, row: row, col: box.left + 2, maxWidth: inner - 2, style: style)
        } else {
            draw(safeText, into: &grid, row: row, col: box.left + 1, maxWidth: inner, style: style)
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
