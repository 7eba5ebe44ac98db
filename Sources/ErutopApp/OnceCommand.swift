import Dashboard
import Foundation
import Render
import Wire

/// `erutop --once`: one listing (no stream), printed as a table or JSON.
enum OnceCommand {
    /// Lists, prints to stdout and returns the exit status. Errors are one line on stderr.
    static func run(options: Options, client: CoreClient) async -> Int32 {
        let workloads: [Workload]
        do {
            workloads = try await client.listWorkloads(options.filters.listOptions)
        } catch {
            printError("\(client.address): \(error)")
            return 1
        }
        var table = WorkloadTable(filters: options.filters)
        let now = Date()
        table.replaceAll(workloads.map { WorkloadRow($0, status: $0.status, seenAt: now) })
        let rows = table.rows(in: 0..<table.order.count)
        switch options.output {
        case .table: print(tableText(rows), terminator: "")
        case .json: print(jsonText(rows))
        }
        return 0
    }

    /// Plain columns, made safe for a terminal, each as wide as its widest cell.
    static func tableText(_ rows: [WorkloadRow]) -> String {
        let header = ["ID", "NAME", "NODE", "STATUS", "NETWORKS", "EXTENSIONS"]
        let cells = rows.map { row in
            [row.shortID, row.name, row.nodename, row.statusWord.rawValue, row.networksText, row.extensionsText]
                .map { Sanitizer.visible($0, limit: 200) }
        }
        var widths = header.map(TextWidth.width)
        for line in cells {
            for (column, cell) in line.enumerated() { widths[column] = max(widths[column], TextWidth.width(cell)) }
        }
        return ([header] + cells).map { line in
            line.enumerated().map { column, cell in
                column == line.count - 1 ? cell : TextWidth.fit(cell, width: widths[column])
            }.joined(separator: "  ") + "\n"
        }.joined()
    }

    /// The JSON array documented in `--help`.
    static func jsonText(_ rows: [WorkloadRow]) -> String {
        let objects: [[String: Any]] = rows.map { row in
            let extensions: Any
            switch row.extensionValue {
            case .empty: extensions = [String: String]()
            case .object(let members):
                // The original JSON values, not the display strings.
                extensions = JSONValue.object(members).foundationObject
            case .text(let text): extensions = text
            }
            return [
                "id": row.id, "name": row.name, "appname": row.appname, "entrypoint": row.entrypoint,
                "nodename": row.nodename, "podname": row.podname, "image": row.image,
                "status": row.statusWord.rawValue, "running": row.running, "healthy": row.healthy,
                "networks": row.networks, "extensions": extensions, "labels": row.labels,
            ]
        }
        let data = try! JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

/// One line on standard error, prefixed with the program name.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("erutop: \(message)\n".utf8))
}

extension JSONValue {
    /// The value as JSONSerialization objects; numbers keep their exact decimal value.
    var foundationObject: Any {
        switch self {
        case .string(let text): text
        case .number(let text): NSDecimalNumber(string: text)
        case .bool(let flag): flag
        case .null: NSNull()
        case .array(let items): items.map(\.foundationObject)
        case .object(let members): Dictionary(members.map { ($0.key, $0.value.foundationObject) }) { $1 }
        }
    }
}
