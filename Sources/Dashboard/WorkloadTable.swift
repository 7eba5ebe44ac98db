import Foundation
import Wire

/// What applying one stream message did to the table.
public enum ApplyOutcome: Sendable, Equatable {
    case inserted
    case updated
    /// The message re-reported what the table already showed.
    case unchanged
    case removed
    /// The message did not concern a row of this table.
    case dropped(DropReason)

    public enum DropReason: Sendable, Equatable {
        /// An error or delete message for an ID the table does not hold (eru-api.md §9.4).
        case unknownID
        /// The workload does not pass the client-side filters.
        case filteredOut
        /// Neither an error nor a workload: nothing to apply.
        case empty
    }

    /// Whether the screen may need a redraw.
    public var changedTable: Bool {
        switch self {
        case .inserted, .updated, .removed: true
        case .unchanged, .dropped: false
        }
    }
}

/// The in-memory table: every workload that passes the server-side filters, keyed by ID, plus
/// the sorted list of the ones that also pass the search, with their status counts. Updates
/// cost O(log n) plus an array move, never a full re-sort; a change of sort or filters
/// rebuilds the order once, here or (`WorkloadTable+Rebuild.swift`) from a snapshot on another
/// thread.
public struct WorkloadTable: Sendable {
    public internal(set) var rows: [String: WorkloadRow] = [:]
    /// IDs of the shown rows, in sort order.
    public var order: SortedIDs { SortedIDs(keys: sortedKeys) }
    /// Sort keys of the shown rows, in order: a binary search compares these instead of
    /// looking up and copying whole rows.
    var sortedKeys: [TableSort.Key] = []
    /// Counts of the shown rows.
    public internal(set) var counts = StatusCounts()
    public internal(set) var filters: Filters
    public internal(set) var sort: TableSort
    /// The costly search texts of the rows, kept across rebuilds while a search is set.
    var searchTexts = SearchTextCache()

    public init(filters: Filters = Filters(), sort: TableSort = TableSort()) {
        self.filters = filters
        self.sort = sort
    }

    /// The shown row at a position of the sorted list.
    public func row(at index: Int) -> WorkloadRow { rows[order[index]]! }

    /// The shown rows in `range`, clamped to the table.
    public func rows(in range: Range<Int>) -> [WorkloadRow] {
        let clamped = range.clamped(to: 0..<order.count)
        return clamped.map { row(at: $0) }
    }

    /// Position of a shown row, by binary search on the sort order.
    public func index(of id: String) -> Int? {
        guard let row = rows[id] else { return nil }
        let at = insertionIndex(for: row)
        return at < sortedKeys.count && sortedKeys[at].id == id ? at : nil
    }

    /// Replaces the whole content, as after a full listing.
    public mutating func replaceAll(_ newRows: [WorkloadRow]) {
        rows = [:]
        rows.reserveCapacity(newRows.count)
        for row in newRows where filters.matchesServerFilters(row) {
            rows[row.id] = row
        }
        rebuildOrder()
    }

    /// Changes the filters. Rows that no longer pass the server-side filters are forgotten:
    /// a new subscription and listing follow a filter change anyway.
    public mutating func setFilters(_ newFilters: Filters) {
        applyServerFilters(of: newFilters)
        if newFilters.search == filters.search { return }
        filters.search = newFilters.search
        rebuildOrder()
    }

    public mutating func setSort(_ newSort: TableSort) {
        sort = newSort
        rebuildOrder()
    }

    /// Applies one status-stream message (eru-api.md §4.5).
    @discardableResult
    public mutating func apply(_ message: WorkloadStatusStreamMessage, at now: Date) -> ApplyOutcome {
        if !message.error.isEmpty {
            guard rows[message.id] != nil else { return .dropped(.unknownID) }
            guard message.delete else { return .unchanged }
            remove(id: message.id)
            return .removed
        }
        guard let workload = message.workload else { return .dropped(.empty) }
        if message.delete, rows[message.id] == nil { return .dropped(.unknownID) }

        let id = workload.id.isEmpty ? message.id : workload.id
        if let at = rows.index(forKey: id), rows.values[at].hasRecord(of: workload) {
            // The common case: the table holds this workload and only its status may differ,
            // so no new row is built and the record is compared once.
            let status = WorkloadRow.effectiveStatus(message.status, of: workload)
            if rows.values[at].status == status { return .unchanged }
            if filters.search.isEmpty, sort.column != .status {
                // Neither its place nor whether it is shown can change: update it in place.
                counts.add(rows.values[at].statusWord, -1)
                rows.values[at].status = status
                rows.values[at].lastChange = now
                counts.add(rows.values[at].statusWord)
                return .updated
            }
            let old = rows.values[at]
            var row = old
            row.status = status
            row.lastChange = now
            return replace(old, with: row)
        }
        var row = WorkloadRow(workload, status: message.status, seenAt: now)
        row.id = id
        guard filters.matchesServerFilters(row) else {
            if rows[row.id] != nil {
                remove(id: row.id)
                return .removed
            }
            return .dropped(.filteredOut)
        }
        return upsert(row)
    }

    /// Inserts or updates one row, keeping the order and counts.
    @discardableResult
    public mutating func upsert(_ newRow: WorkloadRow) -> ApplyOutcome {
        guard let old = rows[newRow.id] else {
            rows[newRow.id] = newRow
            if filters.matchesSearch(newRow) { insertShown(newRow) }
            return .inserted
        }
        var row = newRow
        row.lastChange = old.lastChange
        if row == old { return .unchanged }
        return replace(old, with: newRow)
    }

    /// Stores `row` in place of `old` (same ID), moving it in the order only if it must.
    private mutating func replace(_ old: WorkloadRow, with row: WorkloadRow) -> ApplyOutcome {
        let wasShown = filters.matchesSearch(old)
        let isShown = filters.matchesSearch(row)
        if wasShown, isShown, sort.sameKey(old, row) {
            rows[row.id] = row
            counts.add(old.statusWord, -1)
            counts.add(row.statusWord)
            return .updated
        }
        if wasShown { removeShown(old) }
        rows[row.id] = row
        if isShown { insertShown(row) }
        return .updated
    }

    public mutating func remove(id: String) {
        guard let old = rows[id] else { return }
        if filters.matchesSearch(old) { removeShown(old) }
        rows[id] = nil
    }

    private mutating func insertShown(_ row: WorkloadRow) {
        sortedKeys.insert(sort.key(row), at: insertionIndex(for: row))
        counts.add(row.statusWord)
    }

    /// `row` must be the version currently stored (its sort key locates it).
    private mutating func removeShown(_ row: WorkloadRow) {
        let at = insertionIndex(for: row)
        if at < sortedKeys.count, sortedKeys[at].id == row.id {
            sortedKeys.remove(at: at)
        } else if let found = sortedKeys.firstIndex(where: { $0.id == row.id }) {
            sortedKeys.remove(at: found)
        } else {
            return
        }
        counts.add(row.statusWord, -1)
    }

    /// First position whose row does not precede `row`.
    private func insertionIndex(for row: WorkloadRow) -> Int {
        sort.insertionIndex(of: sort.key(row), in: sortedKeys)
    }

    /// Builds the order for the current sort and filters, here and now.
    mutating func rebuildOrder() {
        let job = orderJob(sort: sort, search: filters.search, ticket: 0)
        searchTexts = SearchTextCache()
        let built = job.run()
        sortedKeys = built.takeKeys()
        counts = built.counts
        searchTexts = built.searchTexts
    }
}

/// The IDs of the shown rows in sort order, read from the table's sort keys without copying them.
public struct SortedIDs: RandomAccessCollection, Sendable {
    fileprivate let keys: [TableSort.Key]

    public var startIndex: Int { keys.startIndex }
    public var endIndex: Int { keys.endIndex }
    public subscript(position: Int) -> String { keys[position].id }
}
