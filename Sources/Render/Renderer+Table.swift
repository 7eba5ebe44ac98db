import Dashboard

/// One table column: its title and how much room it wants.
enum TableColumn: CaseIterable {
    case id, name, node, status, networks, extensions

    var title: String {
        switch self {
        case .id: "ID"
        case .name: "NAME"
        case .node: "NODE"
        case .status: "STATUS"
        case .networks: "NETWORKS"
        case .extensions: "EXTENSIONS"
        }
    }

    /// Narrowest useful width; the column is dropped rather than drawn narrower.
    var minimumWidth: Int {
        switch self {
        case .id: 7
        case .name: 8
        case .node: 6
        case .status: 9
        case .networks, .extensions: 10
        }
    }

    /// Width the column grows to in the first round of sharing out spare room.
    var comfortableWidth: Int {
        switch self {
        case .name: 20
        case .node: 10
        case .networks: 20
        default: minimumWidth
        }
    }

    /// Width the column grows to in the second round. EXTENSIONS takes all that is left.
    var preferredWidth: Int {
        switch self {
        case .name: 32
        case .node: 14
        case .networks: 28
        case .extensions: Int.max
        default: minimumWidth
        }
    }

    /// Which columns survive on a narrow screen, most important first.
    static let priority: [TableColumn] = [.status, .name, .id, .node, .networks, .extensions]

    /// Columns with their x position and width for a line `cols` wide, in display order, one
    /// space apart. Low-priority columns are dropped first; spare room goes to columns in
    /// priority order, first up to their comfortable then their preferred width, and any left
    /// over when EXTENSIONS is dropped goes to NAME.
    static func layout(cols: Int) -> [(column: TableColumn, x: Int, width: Int)] {
        var widths: [TableColumn: Int] = [:]
        var used = 0
        for column in priority {
            let needed = column.minimumWidth + (widths.isEmpty ? 0 : 1)
            if used + needed <= cols {
                widths[column] = column.minimumWidth
                used += needed
            }
        }
        var spare = cols - used
        for target in [\TableColumn.comfortableWidth, \.preferredWidth] {
            for column in priority where spare > 0 {
                guard let width = widths[column] else { continue }
                let grow = min(spare, max(0, column[keyPath: target] - width))
                widths[column] = width + grow
                spare -= grow
            }
        }
        if spare > 0, widths[.name] != nil { widths[.name, default: 0] += spare }

        var x = 0
        return allCases.compactMap { column in
            guard let width = widths[column] else { return nil }
            defer { x += width + 1 }
            return (column, x, width)
        }
    }

    /// The raw (unsanitized) text of this column for `row`.
    func text(for row: WorkloadRow, width: Int) -> String {
        switch self {
        case .id: row.shortID
        case .name: row.name
        case .node: row.nodename
        case .status: row.statusWord.rawValue
        case .networks: row.networksText
        case .extensions: row.extensionSummary(columns: width)
        }
    }
}

extension Renderer {
    /// The replica-set lines, the column header and the visible slice of `rows` (the frame's
    /// rows; generic so that a test can count the reads), selection in reverse video, every row
    /// dim while the frame is stale. Reads `rows.count` and the visible rows, nothing else.
    /// - Returns: the position text for the status line (`selected/total`).
    /// With a `cache`, lines whose row has not changed are copied from the last frame instead.
    static func drawTable<Rows: RandomAccessCollection<WorkloadRow>>(
        _ frame: DashboardFrame, rows: Rows, into grid: inout Grid, cache: RenderCache? = nil
    ) -> String where Rows.Index == Int {
        let headerRow = 2 + drawReplicaSets(frame, into: &grid)
        let columns = TableColumn.layout(cols: grid.cols)
        let headerStyle = Style(bold: true, underline: true)
        grid.fill(row: headerRow, col: 0, count: grid.cols, style: headerStyle)
        for (column, x, width) in columns {
            draw(column.title, into: &grid, row: headerRow, col: x, maxWidth: width, style: headerStyle)
        }

        let height = tableBodyHeight(screenRows: grid.rows, replicaSets: frame.replicaSets.count)
        let total = rows.count
        guard total > 0 else {
            drawEmptyTable(frame, into: &grid, top: headerRow + 1, height: height)
            return "0/0"
        }
        let offset = min(max(0, frame.scrollOffset), max(0, total - height))
        let stale = frame.staleSince != nil
        cache?.startTable()
        for line in 0..<min(height, total - offset) {
            let workload = rows[rows.startIndex + offset + line]
            let selected = offset + line == frame.selectedIndex
            let row = headerRow + 1 + line
            guard let cache else {
                drawRow(workload, selected: selected, stale: stale, columns: columns, row: row, into: &grid)
                continue
            }
            let cached = cache.line(for: workload, selected: selected, stale: stale, cols: grid.cols) { line in
                drawRow(workload, selected: selected, stale: stale, columns: columns, row: 0, into: &line)
            }
            grid.copyRow(row, from: cached, row: 0)
        }
        cache?.finishTable()
        // When the app passes only the visible slice, `rowsBefore`/`totalRows` say where it sits.
        let position = frame.selectedIndex.map { frame.rowsBefore + min(max(0, $0), total - 1) + 1 } ?? 0
        return "\(position)/\(frame.totalRows ?? total)"
    }

    /// One workload; `stale` dims every cell, the status colour included.
    private static func drawRow(
        _ workload: WorkloadRow, selected: Bool, stale: Bool,
        columns: [(column: TableColumn, x: Int, width: Int)], row: Int, into grid: inout Grid
    ) {
        var base = selected ? Style.plain.reversed : .plain
        base.dim = stale
        if selected || stale { grid.fill(row: row, col: 0, count: grid.cols, style: base) }
        for (column, x, width) in columns {
            var style = base
            if column == .status {
                let colour = statusStyle(workload.statusWord)
                style.foreground = colour.foreground
                style.bold = colour.bold
                style.dim = colour.dim || stale
            }
            let text = safe(column.text(for: workload, width: width), width: width)
            draw(text, into: &grid, row: row, col: x, maxWidth: width, style: style)
        }
    }

    /// Why there is nothing to show, centred in the `height` body lines from `top`.
    private static func drawEmptyTable(_ frame: DashboardFrame, into grid: inout Grid, top: Int, height: Int) {
        guard height > 0 else { return }
        let message: String
        if frame.connection == .connecting {
            message = "connecting to " + safe(frame.address, width: grid.cols) + "…"
        } else if !frame.filters.isEmpty {
            message = "no workloads match the filters"
        } else {
            message = "no workloads"
        }
        let row = top + (height - 1) / 2
        let col = max(0, (grid.cols - TextWidth.width(message)) / 2)
        draw(message, into: &grid, row: row, col: col, maxWidth: grid.cols - col, style: Style(dim: true))
    }
}
