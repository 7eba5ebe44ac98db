import Dashboard
import Foundation

extension Renderer {
    /// Lines of JSON shown at most for one extension, so a huge blob costs a bounded amount.
    static let maxExtensionLines = 2000

    /// Every field of one workload, one per line; lists one item per line; long values wrap.
    static func detailPage(_ row: WorkloadRow, width: Int, now: Date) -> Page {
        let labelWidth = 12
        let valueWidth = max(1, width - min(labelWidth, width / 3) - 1)
        func wrapped(_ label: String, _ value: String) -> [Page.Line] {
            guard !value.isEmpty else { return [Page.Line(label, "-", style: Style(dim: true))] }
            return Page.list(label, Page.wrap(value, width: valueWidth, maxLines: 4))
        }
        func one(_ value: String) -> String { safe(value, width: valueWidth) }

        let word = row.statusWord
        var lines: [Page.Line] = []
        lines += wrapped("ID", row.id)
        lines += wrapped("Name", row.name)
        lines += wrapped("App", row.appname)
        lines += wrapped("Entrypoint", row.entrypoint)
        lines += wrapped("Pod", row.podname)
        lines += wrapped("Node", row.nodename)
        lines += wrapped("Image", row.image)
        lines.append(Page.Line("Created", row.createTime == 0 ? "-" : TimeText.utc(unixSeconds: row.createTime)))
        lines.append(Page.Line("Status", spans: [
            (word.rawValue, statusStyle(word)),
            ("  running " + (row.running ? "yes" : "no") + ", healthy " + (row.healthy ? "yes" : "no"), .plain),
        ]))
        let ago = TimeText.ago(row.lastChange, now: now)
        lines.append(Page.Line("Last change", TimeText.utc(row.lastChange) + " (" + ago + ")"))
        func pairs(_ map: [String: String], _ separator: String) -> [String] {
            map.sorted { $0.key < $1.key }.map { one($0.key + separator + $0.value) }
        }
        lines += Page.list("Networks", pairs(row.networks, ": "))
        lines += Page.list("Publish", pairs(row.publish, ": "))
        lines += Page.list("Labels", pairs(row.labels, "="))
        lines += Page.list("Env", row.env.map(one))
        lines += extensionLines(row, valueWidth: valueWidth)

        return Page(title: "workload " + safe(row.shortID, width: 7) + "  " + safe(row.name, width: width),
                    labelWidth: labelWidth, lines: lines)
    }

    /// The extension as indented JSON when it parses, else its raw text made safe and wrapped.
    private static func extensionLines(_ row: WorkloadRow, valueWidth: Int) -> [Page.Line] {
        let bytes = row.extensionBytes
        guard !bytes.isEmpty else { return Page.list("Extension", []) }
        if let json = row.extensionPrettyLines(maxLines: maxExtensionLines) {
            var lines = Page.list("Extension", json.map { safe($0, width: valueWidth) })
            if json.count == maxExtensionLines {
                lines.append(Page.Line("", "… (\(bytes.count) bytes in all)", style: Style(dim: true)))
            }
            return lines
        }
        let raw = WorkloadRow.rawText(bytes, columns: valueWidth * 20)
        return Page.list("Extension", Page.wrap(raw, width: valueWidth, maxLines: 20))
    }
}
