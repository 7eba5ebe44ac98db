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
    /// stay the table's.
    func orderJob(sort: TableSort, search: String, ticket: Int) -> OrderJob {
        var target = filters
        target.search = search
        return OrderJob(ticket: ticket, rows: rows, sort: sort, filters: target, searchTexts: searchTexts)
    }

    /// Takes the order `built` made from an earlier snapshot, re-placing the rows whose IDs are
    /// in `changed` (every row inserted, updated or removed since the snapshot): the result is
    /// what `setSort` and `setFilters` would give on the current rows. O(n) when anything
    /// changed (one merge), plus O(k log n) for k changed rows.
    /// Returns what it replaced, for the caller to free elsewhere (`OrderLeftovers`).
    /// - Precondition: the server-side filters are those the job was made with.
    mutating func adopt(_ built: BuiltOrder, changed: Set<String>) -> OrderLeftovers {
        let job = built.job
        precondition(job.filters.with(search: filters.search) == filters, "an order built under other server-side filters")
        let leftovers = OrderLeftovers(keys: sortedKeys, searchTexts: searchTexts, built: built)
        sort = job.sort
        filters = job.filters
        searchTexts = built.searchTexts
        var shownCounts = built.counts
        let needle = filters.search.isEmpty ? nil : SearchNeedle(filters.search)
        let texts = built.searchTexts
        let shows = { (row: WorkloadRow) in needle.map { texts.matches(row, $0) } ?? true }

        var removed: [Int] = []
        var added: [TableSort.Key] = []
        for id in changed {
            if let old = job.rows[id], shows(old) {
                let at = sort.insertionIndex(of: sort.key(old), in: built.keys)
                if at < built.keys.count, built.keys[at].id == id {
                    removed.append(at)
                    shownCounts.add(old.statusWord, -1)
                }
            }
            if let current = rows[id], shows(current) {
                added.append(sort.key(current))
                shownCounts.add(current.statusWord)
            }
        }
        sortedKeys = removed.isEmpty && added.isEmpty ? built.keys : merge(built.keys, removing: removed, adding: added)
        counts = shownCounts
        return leftovers
    }

    /// `keys` without the positions in `removed`, with `added` put in place, in one pass.
    private func merge(_ keys: [TableSort.Key], removing removed: [Int], adding added: [TableSort.Key]) -> [TableSort.Key] {
        let sort = self.sort
        let removed = removed.sorted()
        let added = added.sorted { sort.precedes($0, $1) }
        var merged: [TableSort.Key] = []
        merged.reserveCapacity(keys.count - removed.count + added.count)
        var nextRemoved = 0
        var nextAdded = 0
        for (index, key) in keys.enumerated() {
            if nextRemoved < removed.count, removed[nextRemoved] == index {
                nextRemoved += 1
                continue
            }
            while nextAdded < added.count, sort.precedes(added[nextAdded], key) {
                merged.append(added[nextAdded])
                nextAdded += 1
            }
            merged.append(key)
        }
        merged.append(contentsOf: added[nextAdded...])
        return merged
    }
}
