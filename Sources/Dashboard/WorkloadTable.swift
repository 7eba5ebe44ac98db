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
        /// The workload record in the message could not be decoded.
        case malformed
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
    public internal(set) var rows = RowStore()
    /// IDs of the shown rows, in sort order.
    public var order: SortedIDs { SortedIDs(keys: sortedKeys) }
    /// Sort keys of the shown rows, in order: a binary search compares these instead of
    /// looking up and copying whole rows.
    var sortedKeys = ChunkedArray<TableSort.Key>()
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

    /// A table of listed workloads, every row seen at `seenAt`, as the feed builds one.
    public init(listed workloads: [Workload], seenAt: Date) {
        self.init()
        replaceAll(workloads.map { WorkloadRow(listed: $0, seenAt: seenAt) })
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
        let filters = self.filters
        let allPass = newRows.indices.allSatisfy { filters.matchesServerFilters(newRows[$0]) }
        rows = RowStore(allPass ? newRows : newRows.filter(filters.matchesServerFilters))
        rebuildOrder()
    }

    /// Replaces the whole content with the rows of `listing`. Free when `listing` has this
    /// table's filters and sort (the feed builds listings that way, off the UI thread).
    public mutating func replaceAll(with listing: WorkloadTable) {
        if listing.filters == filters, listing.sort == sort {
            self = listing
        } else {
            replaceAll(listing.rows.values)
        }
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

    /// Applies one status-stream message (eru-api.md §4.5), as the feed reads it.
    @discardableResult
    public mutating func apply(_ update: StatusUpdate, at now: Date) -> ApplyOutcome {
        if !update.error.isEmpty {
            guard rows.position(of: update.id) != nil else { return .dropped(.unknownID) }
            guard update.delete else { return .unchanged }
            remove(id: update.id)
            return .removed
        }
        // The record is read through optional chaining: binding it would copy it.
        guard let digest = update.record?.digest else { return .dropped(.empty) }
        if update.delete, rows.position(of: update.id) == nil { return .dropped(.unknownID) }

        let id = update.workloadID
        let held = rows.position(of: id)
        if let held, rows[position: held].recordDigest == digest {
            // The common case: the table holds this very record and only the status may
            // differ, so the record is neither decoded nor compared.
            return setStatus(at: held, WorkloadRow.shown(update.status, of: id), now)
        }
        guard let workload = try? update.record?.decode() else { return .dropped(.malformed) }
        if let held, rows[position: held].hasRecord(of: workload) {
            // The same record, encoded differently (map entries come in any order).
            rows[position: held].recordDigest = digest
            return setStatus(at: held, WorkloadRow.shown(update.status, of: id), now)
        }
        var row = WorkloadRow(workload, status: update.status, seenAt: now, recordDigest: digest)
        row.id = id
        guard filters.matchesServerFilters(row) else {
            if held != nil {
                remove(id: id)
                return .removed
            }
            return .dropped(.filteredOut)
        }
        return upsert(row)
    }

    /// Gives the row at `index` a new status, moving it in the order only if it must.
    private mutating func setStatus(at index: Int, _ status: consuming WorkloadStatus?, _ now: Date) -> ApplyOutcome {
        if filters.search.isEmpty, sort.column != .status {
            // Neither its place nor whether it is shown can change: update it in place.
            guard let (before, after) = rows.setStatus(status, at: index, now: now) else { return .unchanged }
            counts.add(before, -1)
            counts.add(after)
            return .updated
        }
        if rows[position: index].status == status { return .unchanged }
        let old = rows[position: index]
        var row = old
        row.status = status
        row.lastChange = now
        return replace(old, with: row)
    }

    /// Inserts or updates one row, keeping the order and counts.
    @discardableResult
    public mutating func upsert(_ newRow: WorkloadRow) -> ApplyOutcome {
        guard let old = rows[newRow.id] else {
            rows.store(newRow)
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
            rows.store(row)
            counts.add(old.statusWord, -1)
            counts.add(row.statusWord)
            return .updated
        }
        if wasShown { removeShown(old) }
        rows.store(row)
        if isShown { insertShown(row) }
        return .updated
    }

    public mutating func remove(id: String) {
        guard let old = rows.remove(id: id) else { return }
        if filters.matchesSearch(old) { removeShown(old) }
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
    fileprivate let keys: ChunkedArray<TableSort.Key>

    public var startIndex: Int { keys.startIndex }
    public var endIndex: Int { keys.endIndex }
    public subscript(position: Int) -> String { keys[position].id }
}
