import Dashboard
import Foundation
import Reconcile

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
    /// One summary line per replica set, drawn above the table's column header.
    public var replicaSets: [ReplicaSetLine]
    /// A modal box drawn over the whole screen, or nil.
    public var dialog: Dialog?
    /// When the rows stopped being current (the stream dropped), or nil while they are.
    public var staleSince: Date?
    /// True when erutop may not change the cluster: the header says `read-only`.
    public var readOnly: Bool
    /// Rows of the full list before `rows[0]`, when `rows` is only a slice of it.
    public var rowsBefore = 0
    /// Length of the full list when `rows` is only a slice of it; nil means `rows.count`.
    public var totalRows: Int?

    public init(
        address: String = "", connection: ConnectionState = .connecting, filters: Filters = Filters(),
        counts: StatusCounts = StatusCounts(), rows: [WorkloadRow] = [], sortDescription: String = "",
        selectedIndex: Int? = nil, scrollOffset: Int = 0, screen: Screen = .table,
        prompt: Prompt? = nil, flash: String? = nil,
        helpLines: [(key: String, action: String)] = [], now: Date = Date(timeIntervalSince1970: 0),
        replicaSets: [ReplicaSetLine] = [], dialog: Dialog? = nil, staleSince: Date? = nil,
        readOnly: Bool = false
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
        self.replicaSets = replicaSets
        self.dialog = dialog
        self.staleSince = staleSince
        self.readOnly = readOnly
    }
}

/// The summary line of one replica set (see `Reconcile.SetSummary`).
public struct ReplicaSetLine: Sendable, Equatable {
    /// The set's name, e.g. `demo/web`.
    public var name: String
    public var summary: SetSummary

    public init(name: String, summary: SetSummary) {
        self.name = name
        self.summary = summary
    }
}

/// How a dialog line is coloured: a secondary signal, the words carry the meaning.
public enum Tone: Sendable, Equatable {
    case normal, good, warning, bad, dim
}

/// One line of a dialog's body.
public struct DialogLine: Sendable, Equatable {
    public var text: String
    public var tone: Tone

    public init(_ text: String, tone: Tone = .normal) {
        self.text = text
        self.tone = tone
    }
}

/// A modal box centred over the screen: a title in its top border, a scrollable body and a
/// footer (key hints) in its bottom border. The reconcile preview, progress and results use it.
public struct Dialog: Sendable, Equatable {
    public var title: String
    public var lines: [DialogLine]
    /// Key hints, e.g. `y execute   esc cancel (default)`.
    public var footer: String
    /// Body lines scrolled off the top; the renderer clamps it (see `Renderer.dialogMaxOffset`).
    public var offset: Int

    public init(title: String, lines: [DialogLine], footer: String, offset: Int = 0) {
        self.title = title
        self.lines = lines
        self.footer = footer
        self.offset = offset
    }
}
