import Dashboard
import Foundation

/// The lines every screen shares: title bar, filters and counts, status line.
extension Renderer {
    /// Line 0: `erutop`, the `read-only` tag, the core address and the connection state on a
    /// reverse bar, with the sort order at the right when everything else fits.
    static func drawTitleBar(_ frame: DashboardFrame, into grid: inout Grid) {
        let bar = Style.plain.reversed
        grid.fill(row: 0, col: 0, count: grid.cols, style: bar)
        var col = draw(" erutop ", into: &grid, row: 0, col: 0, maxWidth: grid.cols, style: bar.bolded) + 1
        // The tag goes first, but only when the state's first word still fits after it.
        let tag = "read-only"
        if frame.readOnly, grid.cols - col - 1 - (tag.count + 2) >= "reconnecting".count {
            col += draw(tag, into: &grid, row: 0, col: col, maxWidth: tag.count,
                        style: Style(foreground: .magenta, bold: true, reverse: true)) + 2
        }
        let room = grid.cols - col - 1

        let address = safe(frame.address, width: room)
        let (state, stateStyle) = connectionText(frame.connection, now: frame.now, width: room)
        let addressWidth = TextWidth.width(address)
        let stateWidth = TextWidth.width(state)
        let sort = frame.sortDescription.isEmpty ? "" : "sort " + safe(frame.sortDescription, width: 12) + " "
        let sortWidth = TextWidth.width(sort)
        // A long error after the state (`reconnecting (…): <error>`) is cut to keep the sort.
        let stateCore = state.firstRange(of: "): ").map { TextWidth.width(String(state[..<$0.upperBound])) } ?? stateWidth
        let keepsSort = sortWidth > 0 && addressWidth + 2 + stateCore + 1 + sortWidth <= room
        if keepsSort {
            draw(sort, into: &grid, row: 0, col: grid.cols - sortWidth, maxWidth: sortWidth, style: bar)
        }
        let stateRoom = keepsSort ? room - sortWidth - 1 : room

        // The state matters more than the address, which still keeps a third of the room.
        let addressRoom = min(addressWidth, max(stateRoom - stateWidth - 2, min(addressWidth, stateRoom / 3)))
        col += draw(address, into: &grid, row: 0, col: col, maxWidth: addressRoom, style: bar) + 2
        draw(state, into: &grid, row: 0, col: col, maxWidth: grid.cols - 1 - col - (keepsSort ? sortWidth : 0), style: stateStyle)
    }

    /// The connection state in words, with the style of its badge.
    static func connectionText(_ state: ConnectionState, now: Date, width: Int) -> (String, Style) {
        let bar = Style.plain.reversed
        switch state {
        case .connecting:
            return ("connecting…", bar)
        case .live:
            return ("live", Style(foreground: .green, bold: true, reverse: true))
        case .reconnecting(let attempt, let nextRetry, let lastError):
            var text = "reconnecting (attempt \(attempt)"
            if let nextRetry {
                // Once the wait is over the attempt is running (a large listing takes a while).
                let left = TimeText.secondsLeft(until: nextRetry, now: now)
                text += left > 0 ? ", next in \(left)s" : ", trying now"
            }
            text += ")"
            if !lastError.isEmpty { text += ": " + safe(lastError, width: width) }
            return (text, Style(foreground: .yellow, bold: true, reverse: true))
        case .refused(let reason):
            return ("refused: " + safe(reason, width: width), Style(foreground: .red, bold: true, reverse: true))
        }
    }

    /// Line 1: the active filters at the left, the status counts at the right.
    static func drawFilterLine(_ frame: DashboardFrame, into grid: inout Grid) {
        let counts = countSpans(frame.counts)
        let countsWidth = counts.reduce(0) { $0 + TextWidth.width($1.text) }
        let filters = filterText(frame.filters, width: grid.cols)
        let filtersWidth = TextWidth.width(filters)
        // Counts win, but the filters keep at least a third of the line.
        let filterRoom = min(filtersWidth, max(grid.cols - countsWidth - 2, grid.cols / 3))
        let filterStyle = frame.filters.isEmpty ? Style(dim: true) : Style(foreground: .cyan)
        draw(filters, into: &grid, row: 1, col: 0, maxWidth: filterRoom, style: filterStyle)

        var col = max(filterRoom + 2, grid.cols - countsWidth)
        for span in counts where col < grid.cols {
            col += draw(span.text, into: &grid, row: 1, col: col, maxWidth: grid.cols - col, style: span.style)
        }
    }

    /// `filters: app=… entry=… node=… labels=… search="…"`, or `no filters`.
    static func filterText(_ filters: Filters, width: Int) -> String {
        guard !filters.isEmpty else { return "no filters" }
        var parts: [String] = []
        if !filters.appname.isEmpty { parts.append("app=" + safe(filters.appname, width: width)) }
        if !filters.entrypoint.isEmpty { parts.append("entry=" + safe(filters.entrypoint, width: width)) }
        if !filters.nodename.isEmpty { parts.append("node=" + safe(filters.nodename, width: width)) }
        if !filters.labels.isEmpty { parts.append("labels=" + safe(filters.labelsText, width: width)) }
        if !filters.search.isEmpty { parts.append("search=\"" + safe(filters.search, width: width) + "\"") }
        return "filters: " + parts.joined(separator: " ")
    }

    /// `12 total  9 healthy  1 unhealthy  1 stopped  1 unknown`, each status in its colour.
    static func countSpans(_ counts: StatusCounts) -> [(text: String, style: Style)] {
        [
            ("\(counts.total) total", Style(bold: true)),
            ("  ", .plain), ("\(counts.healthy) healthy", statusStyle(.healthy)),
            ("  ", .plain), ("\(counts.unhealthy) unhealthy", statusStyle(.unhealthy)),
            ("  ", .plain), ("\(counts.stopped) stopped", statusStyle(.stopped)),
            ("  ", .plain), ("\(counts.unknown) unknown", statusStyle(.unknown)),
        ]
    }

    /// The colour that goes with a status word (the word itself is always shown too).
    static func statusStyle(_ word: StatusWord) -> Style {
        switch word {
        case .healthy: Style(foreground: .green)
        case .unhealthy: Style(foreground: .yellow, bold: true)
        case .stopped: Style(foreground: .red, bold: true)
        case .unknown: Style(dim: true)
        }
    }

    /// The last line: the prompt, else the flash message, else the stale banner, else key hints
    /// for the screen; with `position` (e.g. `3/120`) at the right when it fits.
    static func drawStatusLine(_ frame: DashboardFrame, position: String, into grid: inout Grid) {
        let row = grid.rows - 1
        let positionWidth = TextWidth.width(position)
        let keepsPosition = positionWidth > 0 && grid.cols - positionWidth - 2 >= minimumCols
        let room = keepsPosition ? grid.cols - positionWidth - 2 : grid.cols
        if keepsPosition {
            draw(position, into: &grid, row: row, col: grid.cols - positionWidth, maxWidth: positionWidth,
                 style: Style(dim: true))
        }
        if let prompt = frame.prompt {
            drawPrompt(prompt, into: &grid, row: row, width: room)
        } else if let flash = frame.flash {
            draw(safe(flash, width: room), into: &grid, row: row, col: 0, maxWidth: room,
                 style: Style(foreground: .yellow, bold: true))
        } else if let staleSince = frame.staleSince {
            let banner = staleBanner(since: staleSince, connection: frame.connection, now: frame.now)
            grid.fill(row: row, col: 0, count: room, style: staleStyle)
            draw(banner, into: &grid, row: row, col: 0, maxWidth: room, style: staleStyle)
        } else {
            var col = 0
            for (key, action) in hints(for: frame.screen) where col < room {
                col += draw(key, into: &grid, row: row, col: col, maxWidth: room - col, style: Style(bold: true))
                col += draw(" " + action + "  ", into: &grid, row: row, col: col, maxWidth: room - col, style: .plain)
            }
        }
    }

    /// The stale banner's look: a yellow bar.
    static let staleStyle = Style(foreground: .yellow, bold: true, reverse: true)

    /// `stale since 12:34:56 UTC (42s ago) — reconnecting`; `catching up` instead once the
    /// stream is live again but the rows are not yet current.
    static func staleBanner(since: Date, connection: ConnectionState, now: Date) -> String {
        let doing =
            switch connection {
            case .live: "catching up"
            case .refused: "not retrying: credentials refused"
            case .connecting, .reconnecting: "reconnecting"
            }
        return "stale since \(TimeText.utcTimeOfDay(since)) (\(TimeText.ago(since, now: now))) — \(doing)"
    }

    /// Key hints per screen.
    static func hints(for screen: Screen) -> [(key: String, action: String)] {
        switch screen {
        case .table:
            [("?", "help"), ("q", "quit"), ("/", "search"), ("a/e/n/l", "filters"), ("c", "clear"),
             ("⏎", "details")]
        case .detail, .help:
            [("esc/q", "back"), ("↑/↓", "scroll")]
        }
    }

    /// `label: text` with the cursor shown as a reverse cell; the text scrolls left to keep the
    /// cursor on screen.
    static func drawPrompt(_ prompt: Prompt, into grid: inout Grid, row: Int, width: Int) {
        var col = draw(safe(prompt.label, width: width) + ": ", into: &grid, row: row, col: 0, maxWidth: width,
                       style: Style(bold: true))
        let room = width - col
        guard room > 0 else { return }
        let cursor = min(max(0, prompt.cursor), prompt.text.count)
        let splitIndex = prompt.text.index(prompt.text.startIndex, offsetBy: cursor)
        // Only the characters just before the cursor can be on screen.
        let near = String(prompt.text[..<splitIndex].suffix(room))
        let before = tail(of: Sanitizer.visible(near, limit: room * 8), width: room - 1)
        let after = safe(String(prompt.text[splitIndex...]), width: room)

        col += grid.write(String(before), row: row, col: col, maxWidth: room - 1, style: .plain)
        var rest = Substring(after)
        var underCursor = " "
        if let first = rest.first, TextWidth.width(first) > 0, col + TextWidth.width(first) <= grid.cols {
            underCursor = String(first)
            rest = rest.dropFirst()
        }
        col += grid.write(underCursor, row: row, col: col, maxWidth: grid.cols - col, style: Style.plain.reversed)
        draw(String(rest), into: &grid, row: row, col: col, maxWidth: width - col, style: .plain)
    }

    /// The end of `text` that fits in `width` columns.
    static func tail(of text: String, width: Int) -> Substring {
        var used = 0
        var start = text.endIndex
        while start > text.startIndex {
            let previous = text.index(before: start)
            used += TextWidth.width(text[previous])
            if used > width { break }
            start = previous
        }
        return text[start...]
    }
}

extension Style {
    /// This style in bold.
    var bolded: Style {
        var style = self
        style.bold = true
        return style
    }
}
