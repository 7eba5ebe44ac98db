import Foundation
import Reconcile

/// The replica-set summary lines between the filter line and the table's column header.
extension Renderer {
    /// Lines the summaries of `sets` sets take: one per set, but at most a third of the screen
    /// and never the table's last body line (past that, the last line says `+N more sets`).
    static func replicaSetLineCount(screenRows: Int, sets: Int) -> Int {
        guard screenRows >= minimumRows, sets > 0 else { return 0 }
        return min(sets, screenRows / 3, screenRows - minimumRows)
    }

    /// Draws the summary lines from line 2.
    /// - Returns: the number of lines used.
    static func drawReplicaSets(_ frame: DashboardFrame, into grid: inout Grid) -> Int {
        let sets = frame.replicaSets
        let lineCount = replicaSetLineCount(screenRows: grid.rows, sets: sets.count)
        guard lineCount > 0 else { return 0 }
        let shown = lineCount < sets.count ? lineCount - 1 : lineCount
        let names = sets[..<shown].map { safe($0.name, width: grid.cols / 4) }
        let nameWidth = min(names.reduce(0) { max($0, TextWidth.width($1)) }, grid.cols / 4)

        for (index, set) in sets[..<shown].enumerated() {
            let name = TextWidth.fit(names[index], width: nameWidth)
            var col = draw(name, into: &grid, row: 2 + index, col: 0, maxWidth: grid.cols,
                           style: healthStyle(set.summary))
            let spans = summarySpans(set.summary, now: frame.now, width: grid.cols - col)
            for span in spans where col < grid.cols {
                col += draw(span.text, into: &grid, row: 2 + index, col: col, maxWidth: grid.cols - col,
                            style: span.style)
            }
        }
        if shown < sets.count {
            draw("+\(sets.count - shown) more sets", into: &grid, row: 2 + shown, col: 0, maxWidth: grid.cols,
                 style: Style(dim: true))
        }
        return lineCount
    }

    /// The colour of a set's name: red when it is failing, or short of its target even once
    /// what is in flight lands; green when exactly the wanted number is ready and nothing is
    /// in flight; yellow while it converges (or has too many).
    static func healthStyle(_ summary: SetSummary) -> Style {
        if summary.backoff.consecutiveFailures > 0 || summary.expectedAlive < summary.desired {
            return Style(foreground: .red, bold: true)
        }
        let settled = summary.ready == summary.desired && summary.alive == summary.desired
            && summary.inFlightCreates == 0 && summary.inFlightRemoves == 0
        return Style(foreground: settled ? .green : .yellow, bold: true)
    }

    /// `  want 3  ready 2  starting 1  …  in flight +1/-0  backoff 12s: <last error>`; a count
    /// is dim when zero, else in the colour of its status. When that is wider than `width`,
    /// the zero counts and an empty `in flight` are left out.
    static func summarySpans(_ summary: SetSummary, now: Date, width: Int) -> [(text: String, style: Style)] {
        func count(_ label: String, _ value: Int, _ style: Style) -> (String, Style, Bool) {
            ("  \(label) \(value)", value == 0 ? Style(dim: true) : style, value != 0)
        }
        let moving = summary.inFlightCreates + summary.inFlightRemoves > 0
        // Each span with whether it stays in the short form.
        var spans = [
            ("  want \(summary.desired)", Style.plain, true),
            ("  ready \(summary.ready)", summary.ready == 0 ? Style(dim: true) : statusStyle(.healthy), true),
            count("starting", summary.starting, Style(foreground: .cyan)),
            count("unhealthy", summary.unhealthy, statusStyle(.unhealthy)),
            count("stopped", summary.stopped, statusStyle(.stopped)),
            count("unknown", summary.unknown, statusStyle(.unknown)),
            ("  in flight +\(summary.inFlightCreates)/-\(summary.inFlightRemoves)",
             moving ? Style(foreground: .cyan) : Style(dim: true), moving),
        ]
        let backoff = summary.backoff
        if backoff.consecutiveFailures > 0 {
            let seconds = backoff.backoffUntil.map { TimeText.secondsLeft(until: $0, now: now) } ?? 0
            let reason = backoff.lastError.map { ": " + safe($0, width: width) } ?? ""
            spans.append(("  backoff \(seconds)s" + reason, Style(foreground: .red, bold: true), true))
        }
        let fullWidth = spans.reduce(0) { $0 + TextWidth.width($1.0) }
        return spans.filter { fullWidth <= width || $0.2 }.map { ($0.0, $0.1) }
    }
}
