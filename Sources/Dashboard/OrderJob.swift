/// The work of a new sort or search over the whole table, on a snapshot of its rows: pure and
/// `Sendable`, so it runs on another thread while the table keeps its current order
/// (`FeedMerger.reorder`, then `FeedMerger.finish` with the result).
///
/// The snapshot shares the table's row storage, so the table must not change its rows until
/// the job has copied out what it needs and let go of them (`run`'s `released`): the first
/// change would otherwise copy every row on the caller's thread.
public struct OrderJob: Sendable {
    /// One row as the job needs it: a few references, not the whole row.
    private struct Source {
        let key: TableSort.Key
        let status: StatusWord
        /// Only while a search is set.
        let columns: SearchColumns?
    }

    /// Which request this is; a result whose ticket is no longer awaited is dropped.
    public let ticket: Int
    let sort: TableSort
    /// The server-side part equals the table's; `search` is the one to apply.
    let filters: Filters
    private var rows: RowStore
    /// The table's search texts, reused for the rows that did not change.
    private var searchTexts: SearchTextCache
    /// For a job that only folds changed rows into an order built before.
    private let fold: (changes: [OrderChange], base: BuiltOrder)?

    init(ticket: Int, rows: RowStore, sort: TableSort, filters: Filters, searchTexts: SearchTextCache) {
        self.ticket = ticket
        self.rows = rows
        self.sort = sort
        self.filters = filters
        self.searchTexts = searchTexts
        fold = nil
    }

    /// A job that re-places `changes` in `base` (one merge pass, O(n)); it reads no rows.
    init(folding changes: [OrderChange], into base: BuiltOrder, ticket: Int) {
        self.ticket = ticket
        rows = RowStore()
        sort = base.sort
        filters = base.filters
        searchTexts = SearchTextCache()
        fold = (changes, base)
    }

    /// The shown rows' keys in order, with their counts. O(n log n) in the rows. `released`
    /// runs once the job holds no reference to the rows any more (after one pass over them).
    public consuming func run(released: () -> Void = {}) -> BuiltOrder {
        if let fold {
            released()
            var keys = fold.base.takeKeys()
            var counts = fold.base.counts
            sort.fold(fold.changes, into: &keys, counts: &counts)
            return BuiltOrder(
                ticket: ticket, sort: sort, filters: filters, keys: keys, counts: counts,
                searchTexts: fold.base.searchTexts)
        }
        let searching = !filters.search.isEmpty
        var sources: [Source] = []
        sources.reserveCapacity(rows.count)
        let slots = rows.values
        // By index: the rows are read in place, not copied whole.
        for at in slots.indices {
            let columns = searching ? SearchColumns(slots[at]) : nil
            sources.append(Source(key: sort.key(slots[at]), status: slots[at].statusWord, columns: columns))
        }
        rows = RowStore()
        released()

        let sort = sort
        var entries: [TableSort.Entry] = []
        entries.reserveCapacity(sources.count)
        var counts = StatusCounts()
        var texts = SearchTextCache(capacity: searching ? sources.count : 0)
        let needle = searching ? SearchNeedle(filters.search) : nil
        for source in sources {
            if let needle, let columns = source.columns, !texts.matches(columns, needle, reusing: searchTexts) {
                continue
            }
            entries.append(TableSort.Entry(source.key))
            counts.add(source.status)
        }
        // What the sort does not need is freed before it, not after.
        sources = []
        searchTexts = SearchTextCache()
        entries.sort { sort.precedes($0, $1) }
        return BuiltOrder(
            ticket: ticket, sort: sort, filters: filters, keys: ChunkedArray(entries.map(\.key)), counts: counts,
            searchTexts: texts)
    }
}

/// What an `OrderJob` produced: the order of its snapshot, to be folded into the table.
///
/// A class so the table can take the keys without copying them (`takeKeys`). Built on the
/// worker's thread and handed to the UI thread through the worker's lock; from then on only
/// that thread touches it, so the unguarded `keys` is never shared (`@unchecked`).
public final class BuiltOrder: @unchecked Sendable {
    public let ticket: Int
    let sort: TableSort
    let filters: Filters
    private var keys: ChunkedArray<TableSort.Key>
    let counts: StatusCounts
    let searchTexts: SearchTextCache

    init(
        ticket: Int, sort: TableSort, filters: Filters, keys: ChunkedArray<TableSort.Key>, counts: StatusCounts,
        searchTexts: SearchTextCache
    ) {
        self.ticket = ticket
        self.sort = sort
        self.filters = filters
        self.keys = keys
        self.counts = counts
        self.searchTexts = searchTexts
    }

    /// The keys, moved out: the caller holds the only reference, so changing them copies nothing.
    func takeKeys() -> ChunkedArray<TableSort.Key> {
        var taken = ChunkedArray<TableSort.Key>()
        swap(&taken, &keys)
        return taken
    }
}

/// What taking a built order leaves behind: the order and search texts it replaced, or a whole
/// result that came too late. Freeing 100k keys or texts touches as many scattered objects,
/// tens of milliseconds, so the UI thread hands this to another thread to drop.
public struct OrderLeftovers: Sendable {
    let keys: ChunkedArray<TableSort.Key>
    let searchTexts: SearchTextCache
    let built: BuiltOrder?

    init(
        keys: ChunkedArray<TableSort.Key> = ChunkedArray(), searchTexts: SearchTextCache = SearchTextCache(),
        built: BuiltOrder?
    ) {
        self.keys = keys
        self.searchTexts = searchTexts
        self.built = built
    }
}
