import Foundation
import Wire

/// The operator's filters. `appname`, `entrypoint`, `nodename` and `labels` go to the server and
/// are applied again on the client, because the server silently ignores nodename without
/// entrypoint and entrypoint without appname (eru-api.md §9.3). `search` is client-only text
/// search over the visible columns.
public struct Filters: Sendable, Equatable {
    public var appname = ""
    public var entrypoint = ""
    public var nodename = ""
    public var labels: [String: String] = [:]
    public var search = ""

    public init(
        appname: String = "", entrypoint: String = "", nodename: String = "",
        labels: [String: String] = [:], search: String = ""
    ) {
        self.appname = appname
        self.entrypoint = entrypoint
        self.nodename = nodename
        self.labels = labels
        self.search = search
    }

    /// True when no filter at all is set.
    public var isEmpty: Bool {
        appname.isEmpty && entrypoint.isEmpty && nodename.isEmpty && labels.isEmpty && search.isEmpty
    }

    /// Labels as `k=v,k2=v2`, sorted by key.
    public var labelsText: String {
        labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}

/// The state of the link to the core, as the header shows it.
public enum ConnectionState: Sendable, Equatable {
    /// First attempt under way.
    case connecting
    /// Stream open and the listing merged.
    case live
    /// The stream ended; `attempt` counts retries since the last live state, `nextRetry` is when
    /// the next one starts, `lastError` says why the last one ended.
    case reconnecting(attempt: Int, nextRetry: Date?, lastError: String)
    /// The core refused erutop's credentials; no retry until the operator changes something.
    case refused(reason: String)
}
