import Foundation
import Wire

extension Filters {
    /// Whether a row passes every filter that is set. The server filters too, but it drops
    /// nodename without entrypoint and entrypoint without appname, so erutop checks all of them.
    public func matches(_ row: WorkloadRow) -> Bool {
        matchesServerFilters(row) && matchesSearch(row)
    }

    /// The filters that are also sent to the core (everything but `search`).
    public func matchesServerFilters(_ row: WorkloadRow) -> Bool {
        if !appname.isEmpty || !entrypoint.isEmpty {
            let parts = row.nameParts
            if !appname.isEmpty, parts.appname != appname { return false }
            if !entrypoint.isEmpty, parts.entrypoint != entrypoint { return false }
        }
        if !nodename.isEmpty, row.nodename != nodename { return false }
        for (key, value) in labels where row.labels[key] != value { return false }
        return true
    }

    /// Case-insensitive text search over the columns the table shows.
    public func matchesSearch(_ row: WorkloadRow) -> Bool {
        guard !search.isEmpty else { return true }
        // Cheapest columns first; the derived ones (networks sorted and joined, the extension
        // parsed as JSON) are only built for rows the others did not match.
        let columns: [() -> String] = [
            { row.shortID }, { row.name }, { row.nodename }, { row.statusWord.rawValue },
            { row.networksText }, { row.extensionsText },
        ]
        guard let needle = Self.asciiLowercased(search) else {
            return columns.contains { $0().localizedCaseInsensitiveContains(search) }
        }
        return columns.contains { column in
            // Foundation's search costs microseconds per call, which makes a search over 100k
            // rows take seconds; ASCII against ASCII needs no locale, so it is compared here.
            let text = column()
            return Self.asciiContains(text, needle) ?? text.localizedCaseInsensitiveContains(search)
        }
    }

    /// The bytes of `text` lower-cased, or nil when it is not all ASCII.
    private static func asciiLowercased(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        return bytes
    }

    /// Whether ASCII `haystack` contains `needle` (lower-case ASCII) ignoring case; nil when
    /// `haystack` is not all ASCII (some non-ASCII letters fold to ASCII ones, e.g. the Kelvin sign).
    private static func asciiContains(_ haystack: String, _ needle: [UInt8]) -> Bool? {
        var haystack = haystack
        return haystack.withUTF8 { bytes -> Bool? in
            if bytes.contains(where: { $0 >= 0x80 }) { return nil }
            guard bytes.count >= needle.count else { return false }
            for start in 0...(bytes.count - needle.count) {
                var index = 0
                while index < needle.count {
                    let byte = bytes[start + index]
                    if (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) != needle[index] { break }
                    index += 1
                }
                if index == needle.count { return true }
            }
            return false
        }
    }

    /// The stream request for these filters.
    public var streamOptions: WorkloadStatusStreamOptions {
        var options = WorkloadStatusStreamOptions()
        options.appname = appname
        options.entrypoint = entrypoint
        options.nodename = nodename
        options.labels = labels
        return options
    }

    /// The listing request for these filters (no limit: the core applies it before labels).
    public var listOptions: ListWorkloadsOptions {
        var options = ListWorkloadsOptions()
        options.appname = appname
        options.entrypoint = entrypoint
        options.nodename = nodename
        options.labels = labels
        return options
    }

    /// Parses `k=v,k2=v2`. Each pair splits at its first `=`; a pair without `=` is an error,
    /// unlike eru-cli, which silently drops it.
    public static func parseLabels(_ text: String) throws(FilterError) -> [String: String] {
        var labels: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let trimmed = pair.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "="), equals != trimmed.startIndex else {
                throw FilterError.badLabel(String(trimmed))
            }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            labels[key] = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        return labels
    }
}

/// A filter the operator typed that cannot be used.
public enum FilterError: Error, Sendable, Equatable, CustomStringConvertible {
    case badLabel(String)

    public var description: String {
        switch self {
        case .badLabel(let text): "label filter \"\(text)\" is not of the form key=value"
        }
    }
}
