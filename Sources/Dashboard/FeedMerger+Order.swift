import Wire

/// A new sort or search being built away from the table (`OrderJob`): the table keeps its
/// current order, kept up to date with the stream, and every row the stream touches meanwhile
/// is noted as it stood in the job's snapshot, to be re-placed when the new order is taken.
struct PendingOrder: Sendable {
    /// A row as the job saw it, under the new sort and search.
    enum Before: Sendable {
        /// In the new order, under this key.
        case shown(TableSort.Key, StatusWord)
        /// Absent, or not matching the new search.
        case hidden
    }

    let ticket: Int
    let sort: TableSort
    let filters: Filters
    /// Every row the stream may have changed since the job's snapshot, as it was then.
    private var before: [String: Before] = [:]
    /// A listing replaced every row: the job's result is of no use.
    var rowsReplaced = false
    private let needle: SearchNeedle?

    init(ticket: Int, sort: TableSort, filters: Filters) {
        self.ticket = ticket
        self.sort = sort
        self.filters = filters
        needle = filters.search.isEmpty ? nil : SearchNeedle(filters.search)
    }

    /// Notes, before `update` is applied to `table`, how the rows it may change stood.
    mutating func noteBefore(_ update: StatusUpdate, in table: WorkloadTable) {
        note(update.id, in: table)
        if let id = update.record?.id, !id.isEmpty { note(id, in: table) }
    }

    /// Only the first change counts: until then the table holds the version the job saw.
    private mutating func note(_ id: String, in table: WorkloadTable) {
        guard before.index(forKey: id) == nil else { return }
        before[id] = entry(table.rows[id], in: table)
    }

    /// How `row` stands under the new sort and search.
    private func entry(_ row: WorkloadRow?, in table: WorkloadTable) -> Before {
        guard let row else { return .hidden }
        if let needle, !table.searchTexts.matches(SearchColumns(row), needle) { return .hidden }
        return .shown(sort.key(row), row.statusWord)
    }

    /// Every noted row as the job saw it and as `table` holds it now.
    func changes(in table: WorkloadTable) -> [OrderChange] {
        before.map { id, old in OrderChange(before: old, after: entry(table.rows[id], in: table)) }
    }
}

/// What `FeedMerger.finish` did with a built order.
public enum OrderOutcome: Sendable {
    /// The table now shows it.
    case applied
    /// A later request replaced it (or none is pending): dropped.
    case superseded
    /// Run this job next: the rows were replaced while it was built, or many of them changed
    /// and the job folds them in.
    case restart(OrderJob)
}

/// `FeedMerger.finish`'s answer: what it did, and what is left to free off the UI thread.
public struct OrderFinish: Sendable {
    public let outcome: OrderOutcome
    public let leftovers: OrderLeftovers
}

extension FeedMerger {
    /// Below this many rows a new order is built at once: it takes a few milliseconds, and
    /// showing the previous order first would only flicker.
    public static let synchronousOrderLimit = 5_000

    /// The sort the operator asked for last: the pending one, else the table's.
    public var requestedSort: TableSort { pendingOrder?.sort ?? table.sort }

    /// The filters the operator asked for last: the pending ones, else the table's.
    public var requestedFilters: Filters { pendingOrder?.filters ?? table.filters }

    /// Whether a new order is being built while the table shows the previous one.
    public var isReordering: Bool { pendingOrder != nil }

    /// Asks for a new sort and filters. The server-side filters apply at once (O(n), no sort);
    /// a new sort or search applies at once on a small table, else the table keeps its order
    /// and the returned job must be run (on any thread) and its result given to `finish`. A
    /// request replaces any pending one.
    /// - Parameter synchronousBelow: tables with fewer rows are re-sorted at once.
    public mutating func reorder(
        sort: TableSort, filters: Filters, synchronousBelow limit: Int = synchronousOrderLimit
    ) -> OrderJob? {
        table.applyServerFilters(of: filters)
        pendingOrder = nil
        guard sort != table.sort || filters.search != table.filters.search else { return nil }
        if table.rows.count < limit {
            table.sort = sort
            table.filters.search = filters.search
            table.rebuildOrder()
            return nil
        }
        lastTicket += 1
        pendingOrder = PendingOrder(ticket: lastTicket, sort: sort, filters: table.filters.with(search: filters.search))
        return table.orderJob(sort: sort, search: filters.search, ticket: lastTicket)
    }

    /// Takes a built order if it is still the one awaited, re-placing the rows that changed
    /// since its snapshot, so the table is exactly what a synchronous re-sort would have made.
    /// - Parameter limit: more changed rows than this are folded in by a further job.
    public mutating func finish(
        _ built: BuiltOrder, foldingAtMost limit: Int = TableSort.keyAtATimeFoldLimit
    ) -> OrderFinish {
        guard let pending = pendingOrder, pending.ticket == built.ticket else {
            return OrderFinish(outcome: .superseded, leftovers: OrderLeftovers(built: built))
        }
        if pending.rowsReplaced {
            lastTicket += 1
            pendingOrder = PendingOrder(ticket: lastTicket, sort: pending.sort, filters: pending.filters)
            let job = table.orderJob(sort: pending.sort, search: pending.filters.search, ticket: lastTicket)
            return OrderFinish(outcome: .restart(job), leftovers: OrderLeftovers(built: built))
        }
        let changes = pending.changes(in: table)
        if changes.count > limit {
            // Many rows changed: the worker folds them in, and the rows that change meanwhile
            // are noted from now on, against the table as it is now.
            lastTicket += 1
            pendingOrder = PendingOrder(ticket: lastTicket, sort: pending.sort, filters: pending.filters)
            let job = OrderJob(folding: changes, into: built, ticket: lastTicket)
            return OrderFinish(outcome: .restart(job), leftovers: OrderLeftovers(built: nil))
        }
        pendingOrder = nil
        return OrderFinish(outcome: .applied, leftovers: table.adopt(built, changes: changes))
    }
}

extension Filters {
    /// These filters with another search.
    func with(search: String) -> Filters {
        var filters = self
        filters.search = search
        return filters
    }
}
