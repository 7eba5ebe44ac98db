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
        switch compareColumn(a, b) {
        case .orderedAscending: ascending
        case .orderedDescending: !ascending
        case .orderedSame: a.id < b.id
        }
    }

    /// Whether two versions of a row sort the same (so an update needs no move).
    public func sameKey(_ a: WorkloadRow, _ b: WorkloadRow) -> Bool {
        compareColumn(a, b) == .orderedSame
    }

    private func compareColumn(_ a: WorkloadRow, _ b: WorkloadRow) -> ComparisonOrder {
        switch column {
        case .name: ComparisonOrder(a.name, b.name)
        case .status: ComparisonOrder(a.statusWord, b.statusWord)
        case .node: ComparisonOrder(a.nodename, b.nodename)
        case .created: ComparisonOrder(a.createTime, b.createTime)
        case .id: .orderedSame
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
