/// Which column the table is sorted by, and in which direction.
public struct TableSort: Sendable, Equatable {
    public enum Column: String, Sendable, CaseIterable {
        case name, status, node, created, id
    }

    public var column: Column
    public var ascending: Bool

    public init(column: Column = .name, ascending: Bool = true) {
        self.column = column
        self.ascending = ascending
    }

    /// The next column in the cycle the `s` key walks through.
    public func nextColumn() -> TableSort {
        let all = Column.allCases
        let next = all[(all.firstIndex(of: column)! + 1) % all.count]
        return TableSort(column: next, ascending: ascending)
    }

    /// `name↑`, `status↓`, …
    public var description: String { column.rawValue + (ascending ? "↑" : "↓") }

    /// A strict total order: the column decides, the ID breaks ties (always ascending), so every
    /// row has exactly one place and a binary search finds it.
    public func precedes(_ a: WorkloadRow, _ b: WorkloadRow) -> Bool {
        precedes(key(a), key(b))
    }

    /// Whether two versions of a row sort the same (so an update needs no move).
    public func sameKey(_ a: WorkloadRow, _ b: WorkloadRow) -> Bool {
        key(a).compareColumn(key(b)) == .orderedSame
    }

    /// `precedes` on the rows the keys were taken from.
    func precedes(_ a: Key, _ b: Key) -> Bool {
        switch a.compareColumn(b) {
        case .orderedAscending: ascending
        case .orderedDescending: !ascending
        case .orderedSame: a.id < b.id
        }
    }

    /// What a row sorts by under this column: a few words instead of the whole row, so a full
    /// sort of 100k rows moves and compares little (`WorkloadTable.rebuildOrder`).
    struct Key {
        /// Name, node or short ID; empty for the numeric columns.
        var text: String
        /// Status rank or creation time; 0 for the text columns.
        var number: Int64
        var id: String

        func compareColumn(_ other: Key) -> ComparisonOrder {
            let byNumber = ComparisonOrder(number, other.number)
            return byNumber == .orderedSame ? ComparisonOrder(text, other.text) : byNumber
        }
    }

    func key(_ row: WorkloadRow) -> Key {
        switch column {
        case .name: Key(text: row.name, number: 0, id: row.id)
        case .status: Key(text: "", number: Int64(row.statusWord.rank), id: row.id)
        case .node: Key(text: row.nodename, number: 0, id: row.id)
        case .created: Key(text: "", number: row.createTime, id: row.id)
        // By the short ID the table shows, so the order reads as sorted and can be reversed.
        case .id: Key(text: row.shortID, number: 0, id: row.id)
        }
    }
}

/// Three-way comparison without Foundation's bridging.
enum ComparisonOrder {
    case orderedAscending, orderedSame, orderedDescending

    init<T: Comparable>(_ a: T, _ b: T) {
        self = a < b ? .orderedAscending : (b < a ? .orderedDescending : .orderedSame)
    }
}
