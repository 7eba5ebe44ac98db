import Dashboard
import Foundation

/// Which screen the dashboard shows.
public enum Screen: Sendable, Equatable {
    /// The workload table.
    case table
    /// Every field of one workload, scrolled down by `offset` lines.
    case detail(WorkloadRow, offset: Int)
    /// The key list, scrolled down by `offset` lines.
    case help(offset: Int)
}

/// A line the operator is typing into (search text, a filter value).
public struct Prompt: Sendable, Equatable {
    public var label: String
    public var text: String
    /// Insertion point, in characters from the start of `text`.
    public var cursor: Int

    public init(label: String, text: String = "", cursor: Int? = nil) {
        self.label = label
        self.text = text
        self.cursor = cursor ?? text.count
    }
}

/// Everything one frame shows. The app builds it from its model and view state; the renderer
/// reads it and nothing else.
public struct DashboardFrame: Sendable {
    public var address: String
    public var connection: ConnectionState
    public var filters: Filters
    /// Counts of the rows shown.
    public var counts: StatusCounts
    /// Already filtered and sorted. May hold 100k rows: only the visible slice is read.
    public var rows: [WorkloadRow]
    /// Current sort, e.g. `name↑`.
    public var sortDescription: String
    public var selectedIndex: Int?
    public var scrollOffset: Int
    public var screen: Screen
    public var prompt: Prompt?
    /// A one-off message for the status line.
    public var flash: String?
    public var helpLines: [(key: String, action: String)]
    /// The clock used for "next retry in" and "ago".
    public var now: Date

    public init(
        address: String = "", connection: ConnectionState = .connecting, filters: Filters = Filters(),
        counts: StatusCounts = StatusCounts(), rows: [WorkloadRow] = [], sortDescription: String = "",
        selectedIndex: Int? = nil, scrollOffset: Int = 0, screen: Screen = .table,
        prompt: Prompt? = nil, flash: String? = nil,
        helpLines: [(key: String, action: String)] = [], now: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.address = address
        self.connection = connection
        self.filters = filters
        self.counts = counts
        self.rows = rows
        self.sortDescription = sortDescription
        self.selectedIndex = selectedIndex
        self.scrollOffset = scrollOffset
        self.screen = screen
        self.prompt = prompt
        self.flash = flash
        self.helpLines = helpLines
        self.now = now
    }
}
