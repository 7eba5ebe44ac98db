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
        let kept = rows.filter { serverSide.matchesServerFilters($0.value) }
        guard kept.count != rows.count else { return }
        var shownCounts = counts
        sortedKeys.removeAll { key in
            guard kept[key.id] == nil, let row = rows[key.id] else { return false }
            shownCounts.add(row.statusWord, -1)
            return true
        }
        counts = shownCounts
        rows = kept
    }

    /// A job that orders the current rows under `sort` and `search`; the server-side filters
    /// stay the table's. Copies a key and a few references per row (O(n), no text derived).
    func orderJob(sort: TableSort, search: String, ticket: Int) -> OrderJob {
        OrderJob(ticket: ticket, rows: rows, sort: sort, filters: filters.with(search: search), searchTexts: searchTexts)
    }

    /// Takes the order `built` made of the rows as they were, re-placing the rows whose IDs are
    /// in `changed` (every row inserted, updated or removed since): the result is what
    /// `setSort` and `setFilters` would give on the current rows. Free when nothing changed;
    /// else one merge pass, O(n + k log k) for k changed rows. Returns what it replaced, for
    /// the caller to free elsewhere (`OrderLeftovers`).
    /// - Precondition: the server-side filters are those the job was made with.
    mutating func adopt(_ built: BuiltOrder, changed: Set<String>) -> OrderLeftovers {
        precondition(built.filters.with(search: filters.search) == filters, "an order built under other server-side filters")
        let leftovers = OrderLeftovers(keys: sortedKeys, searchTexts: searchTexts, built: built)
        sort = built.sort
        filters = built.filters
        searchTexts = built.searchTexts
        guard !changed.isEmpty else {
            sortedKeys = built.keys
            counts = built.counts
            return leftovers
        }

        var shownCounts = built.counts
        let needle = filters.search.isEmpty ? nil : SearchNeedle(filters.search)
        var added: [TableSort.Key] = []
        for id in changed {
            guard let row = rows[id] else { continue }
            if let needle, !searchTexts.matches(SearchColumns(row), needle) { continue }
            added.append(sort.key(row))
            shownCounts.add(row.statusWord)
        }
        let sort = self.sort
        added.sort { sort.precedes($0, $1) }

        var merged: [TableSort.Key] = []
        merged.reserveCapacity(built.keys.count + added.count)
        var nextAdded = 0
        for (index, key) in built.keys.enumerated() {
            if changed.contains(key.id) {
                shownCounts.add(built.statuses[index], -1)
                continue
            }
            while nextAdded < added.count, sort.precedes(added[nextAdded], key) {
                merged.append(added[nextAdded])
                nextAdded += 1
            }
            merged.append(key)
        }
        merged.append(contentsOf: added[nextAdded...])
        sortedKeys = merged
        counts = shownCounts
        return leftovers
    }
}
