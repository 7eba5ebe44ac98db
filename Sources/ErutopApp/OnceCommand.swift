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

    /// The JSON array documented in `--help`, pretty-printed with sorted keys. Written by
    /// `JSONValue` rather than JSONSerialization, which took 25 s for 100k workloads.
    static func jsonText(_ rows: [WorkloadRow]) -> String {
        let objects = rows.map { row -> JSONValue in
            let extensions: JSONValue
            switch row.extensionValue {
            case .empty: extensions = .object([])
            // The original JSON values, not the display strings.
            case .object(let members): extensions = .object(members)
            case .text(let text): extensions = .string(text)
            }
            let text: [(String, String)] = [
                ("id", row.id), ("name", row.name), ("appname", row.appname), ("entrypoint", row.entrypoint),
                ("nodename", row.nodename), ("podname", row.podname), ("image", row.image),
                ("status", row.statusWord.rawValue),
            ]
            return .object(
                text.map { (key: $0.0, value: JSONValue.string($0.1)) } + [
                    (key: "running", value: .bool(row.running)), (key: "healthy", value: .bool(row.healthy)),
                    (key: "networks", value: stringMap(row.networks)), (key: "extensions", value: extensions),
                    (key: "labels", value: stringMap(row.labels)),
                ])
        }
        return JSONValue.array(objects).prettyLines(maxLines: .max).joined(separator: "\n")
    }

    private static func stringMap(_ map: [String: String]) -> JSONValue {
        .object(map.map { (key: $0.key, value: JSONValue.string($0.value)) })
    }
}

/// One line on standard error, prefixed with the program name.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("erutop: \(message)\n".utf8))
}
