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
    /// stay the table's. O(1): it shares the rows until it has read them (see `OrderJob`).
    func orderJob(sort: TableSort, search: String, ticket: Int) -> OrderJob {
        OrderJob(ticket: ticket, rows: rows, sort: sort, filters: filters.with(search: search), searchTexts: searchTexts)
    }

    /// Takes the order `built` made of the rows as they were, re-placing those in `before`
    /// (every row the stream may have changed since, as it stood then): the result is what
    /// `setSort` and `setFilters` would give on the current rows. Free when nothing changed;
    /// else O(k log n) comparisons for k changed rows and two passes that only move keys in
    /// place (no copies, no reference counting). Returns what it replaced, for the caller to
    /// free elsewhere (`OrderLeftovers`).
    /// - Precondition: the server-side filters are those the job was made with.
    mutating func adopt(_ built: BuiltOrder, before: [String: PendingOrder.Before]) -> OrderLeftovers {
        precondition(built.filters.with(search: filters.search) == filters, "an order built under other server-side filters")
        let leftovers = OrderLeftovers(keys: sortedKeys, searchTexts: searchTexts, built: built)
        sort = built.sort
        filters = built.filters
        searchTexts = built.searchTexts
        sortedKeys = []
        var keys = built.takeKeys()
        var shownCounts = built.counts

        var removed: [Int] = []
        var added: [TableSort.Key] = []
        let needle = filters.search.isEmpty ? nil : SearchNeedle(filters.search)
        for (id, old) in before {
            if case .shown(let key, let status) = old {
                let at = sort.insertionIndex(of: key, in: keys)
                precondition(at < keys.count && keys[at].id == id, "a row the job saw is missing from its order")
                removed.append(at)
                shownCounts.add(status, -1)
            }
            guard let row = rows[id] else { continue }
            if let needle, !searchTexts.matches(SearchColumns(row), needle) { continue }
            added.append(sort.key(row))
            shownCounts.add(row.statusWord)
        }
        Self.remove(at: removed.sorted(), from: &keys)
        let sort = self.sort
        Self.insert(added.sorted { sort.precedes($0, $1) }, into: &keys, by: sort)
        sortedKeys = keys
        counts = shownCounts
        return leftovers
    }

    /// Removes the keys at `positions` (ascending), moving the others down in one pass.
    private static func remove(at positions: [Int], from keys: inout [TableSort.Key]) {
        guard let first = positions.first else { return }
        var write = first
        var next = 0
        for read in first..<keys.count {
            if next < positions.count, positions[next] == read {
                next += 1
                continue
            }
            keys.swapAt(write, read)
            write += 1
        }
        keys.removeLast(keys.count - write)
    }

    /// Inserts `added` (sorted) into `keys` (sorted) in one backward pass: each added key's
    /// place is found by binary search, the keys after it move up by swapping.
    private static func insert(_ added: [TableSort.Key], into keys: inout [TableSort.Key], by sort: TableSort) {
        guard !added.isEmpty else { return }
        let places = added.map { sort.insertionIndex(of: $0, in: keys) }
        var read = keys.count - 1
        // The appended copies only hold the slots; each is overwritten below.
        keys.append(contentsOf: added)
        var write = keys.count - 1
        for index in added.indices.reversed() {
            while read >= places[index] {
                keys.swapAt(write, read)
                read -= 1
                write -= 1
            }
            keys[write] = added[index]
            write -= 1
        }
    }
}
