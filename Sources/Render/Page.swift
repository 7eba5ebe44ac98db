/// A scrollable list of labelled lines: the detail and help screens.
struct Page {
    /// One line: a label (empty on continuation lines) and styled spans of safe text.
    struct Line {
        var label: String
        var spans: [(text: String, style: Style)]

        init(_ label: String, _ text: String, style: Style = .plain) {
            self.label = label
            spans = [(text, style)]
        }

        init(_ label: String, spans: [(text: String, style: Style)]) {
            self.label = label
            self.spans = spans
        }
    }

    var title: String
    var labelWidth: Int
    var lines: [Line]

    /// Lines for `values` (already safe), the label on the first only; `-` when empty.
    static func list(_ label: String, _ values: [String]) -> [Line] {
        guard !values.isEmpty else { return [Line(label, "-", style: Style(dim: true))] }
        return values.enumerated().map { Line($0.offset == 0 ? label : "", $0.element) }
    }

    /// `text` made safe and broken into lines of `width` columns; after `maxLines` lines the
    /// last one ends with "…".
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        guard width > 0 else { return [] }
        let safe = Sanitizer.visible(text, limit: width * maxLines)
        var lines: [String] = []
        var current = ""
        var used = 0
        for character in safe {
            let w = TextWidth.width(character)
            if used + w > width {
                lines.append(current)
                if lines.count == maxLines {
                    lines[maxLines - 1] = TextWidth.fit(current + String(character), width: width)
                    return lines
                }
                current = ""
                used = 0
            }
            current.append(character)
            used += w
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}

extension Renderer {
    /// Draws `page` below the filter line, scrolled by `offset` (clamped so the last page stays
    /// full).
    /// - Returns: the position text for the status line (`first-last/total`).
    static func drawPage(_ page: Page, offset: Int, into grid: inout Grid) -> String {
        let titleStyle = Style(bold: true, underline: true)
        grid.fill(row: 2, col: 0, count: grid.cols, style: titleStyle)
        draw(page.title, into: &grid, row: 2, col: 0, maxWidth: grid.cols, style: titleStyle)

        let height = tableBodyHeight(screenRows: grid.rows)
        let total = page.lines.count
        let first = min(max(0, offset), max(0, total - height))
        let labelWidth = min(page.labelWidth, grid.cols / 3)
        for index in first..<min(total, first + height) {
            let line = page.lines[index]
            let row = 3 + index - first
            draw(line.label, into: &grid, row: row, col: 0, maxWidth: labelWidth, style: Style(bold: true))
            var col = labelWidth + 1
            for span in line.spans where col < grid.cols {
                col += draw(span.text, into: &grid, row: row, col: col, maxWidth: grid.cols - col, style: span.style)
            }
        }
        return total == 0 ? "0/0" : "\(first + 1)-\(min(total, first + height))/\(total)"
    }

    /// The help screen: each key and what it does.
    static func helpPage(_ entries: [(key: String, action: String)], width: Int) -> Page {
        let keyWidth = entries.reduce(3) { max($0, TextWidth.width($1.key)) }
        let lines = entries.map { Page.Line(safe($0.key, width: width), safe($0.action, width: width)) }
        return Page(title: "keys", labelWidth: min(keyWidth, 16), lines: lines)
    }
}
