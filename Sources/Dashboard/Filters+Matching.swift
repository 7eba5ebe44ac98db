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

    /// Case-insensitive text search over the columns the table shows. A search over many rows
    /// goes through `SearchTextCache` instead, which derives the costly columns once per row.
    public func matchesSearch(_ row: WorkloadRow) -> Bool {
        guard !search.isEmpty else { return true }
        let columns = SearchColumns(row)
        return SearchNeedle(search).matches(columns) { DerivedSearchText(columns) }
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
