/// Re-sorting and re-filtering without stalling the caller: the server-side filters apply at
/// once (dropping rows keeps the order sorted), and the order for a new sort or search is built
/// by an `OrderJob` on a snapshot, then folded in with the rows that changed meanwhile.
extension WorkloadTable {
    /// Takes the server-side filters of `newFilters` (the search and sort stay): the rows that
    /// fail them are forgotten, a new subscription and listing follow a filter change anyway.
    /// O(n), no sort: taking rows out of a sorted list leaves it sorted.
    mutating func applyServerFilters(of newFilters: Filters) {
        let serverSide = newFilters.with(search: filters.search)
        guard serverSide != filters else { return }
        filters = serverSide
        let slots = rows.values
        var failing = Set<String>()
        for at in slots.indices where !serverSide.matchesServerFilters(slots[at]) { failing.insert(slots[at].id) }
        guard !failing.isEmpty else { return }
        var shownCounts = counts
        var kept: [TableSort.Key] = []
        kept.reserveCapacity(sortedKeys.count)
        for key in sortedKeys {
            if failing.contains(key.id), let row = rows[key.id] {
                shownCounts.add(row.statusWord, -1)
            } else {
                kept.append(key)
            }
        }
        sortedKeys = ChunkedArray(kept)
        counts = shownCounts
        rows.filter { !failing.contains($0.id) }
    }

    /// A job that orders the current rows under `sort` and `search`; the server-side filters
    /// stay the table's. O(1): it shares the rows until it has read them (see `OrderJob`).
    func orderJob(sort: TableSort, search: String, ticket: Int) -> OrderJob {
        OrderJob(
            ticket: ticket, rows: rows, sort: sort, filters: filters.with(search: search), searchTexts: searchTexts)
    }

    /// Takes the order `built` made of the rows as they were, re-placing the rows the stream
    /// changed since (`changes`, at most `TableSort.keyAtATimeFoldLimit`: more are folded by
    /// the worker first): the result is what `setSort` and `setFilters` would give on the
    /// current rows. Returns what it replaced, for the caller to free elsewhere.
    /// - Precondition: the server-side filters are those the job was made with.
    mutating func adopt(_ built: BuiltOrder, changes: [OrderChange]) -> OrderLeftovers {
        precondition(
            built.filters.with(search: filters.search) == filters, "an order built under other server-side filters")
        let leftovers = OrderLeftovers(keys: sortedKeys, searchTexts: searchTexts, built: built)
        sort = built.sort
        filters = built.filters
        searchTexts = built.searchTexts
        sortedKeys = ChunkedArray()
        var keys = built.takeKeys()
        var shownCounts = built.counts
        sort.fold(changes, into: &keys, counts: &shownCounts)
        sortedKeys = keys
        counts = shownCounts
        return leftovers
    }
}
