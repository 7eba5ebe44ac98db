/// The work of a new sort or search over the whole table, on the few columns it needs, copied
/// out of the rows when it is asked for: pure and `Sendable`, so it runs on another thread
/// while the table keeps following the stream (`FeedMerger.reorder`, then `FeedMerger.finish`).
/// It shares nothing with the table's rows, so changing them meanwhile copies nothing.
public struct OrderJob: Sendable {
    /// One row as the job sees it.
    struct Source: Sendable {
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
    private var sources: [Source]
    /// The table's search texts, reused for the rows that did not change.
    private var searchTexts: SearchTextCache

    /// Copies out of `rows` what ordering them needs: a key, a status and, for a search, the
    /// searched columns (a few references per row; no text is derived here).
    init(ticket: Int, rows: [String: WorkloadRow], sort: TableSort, filters: Filters, searchTexts: SearchTextCache) {
        self.ticket = ticket
        self.sort = sort
        self.filters = filters
        self.searchTexts = searchTexts
        let searching = !filters.search.isEmpty
        var sources: [Source] = []
        sources.reserveCapacity(rows.count)
        // By index: the rows are read in place, not copied whole.
        for index in rows.indices {
            sources.append(
                Source(
                    key: sort.key(rows.values[index]), status: rows.values[index].statusWord,
                    columns: searching ? SearchColumns(rows.values[index]) : nil))
        }
        self.sources = sources
    }

    /// The shown rows' keys in order, with their statuses and counts. O(n log n) in the rows.
    public consuming func run() -> BuiltOrder {
        let sort = sort
        var entries: [TableSort.Entry] = []
        entries.reserveCapacity(sources.count)
        var counts = StatusCounts()
        var texts = SearchTextCache(capacity: filters.search.isEmpty ? 0 : sources.count)
        let needle = filters.search.isEmpty ? nil : SearchNeedle(filters.search)
        for source in sources {
            if let needle, let columns = source.columns, !texts.matches(columns, needle, reusing: searchTexts) {
                continue
            }
            entries.append(TableSort.Entry(source.key, status: source.status))
            counts.add(source.status)
        }
        // What the sort does not need is freed before it, not after.
        sources = []
        searchTexts = SearchTextCache()
        entries.sort { sort.precedes($0, $1) }
        return BuiltOrder(
            ticket: ticket, sort: sort, filters: filters, keys: entries.map(\.key), statuses: entries.map(\.status),
            counts: counts, searchTexts: texts)
    }
}

/// What an `OrderJob` produced: the order of the rows it was given, to be folded into the table.
public struct BuiltOrder: Sendable {
    public let ticket: Int
    let sort: TableSort
    let filters: Filters
    let keys: [TableSort.Key]
    /// The status of each row in `keys`, to correct the counts when a row is re-placed.
    let statuses: [StatusWord]
    let counts: StatusCounts
    let searchTexts: SearchTextCache
}

/// What taking a built order leaves behind: the order and search texts it replaced, or a whole
/// result that came too late. Freeing 100k keys or texts touches as many scattered objects,
/// tens of milliseconds, so the UI thread hands this to another thread to drop.
public struct OrderLeftovers: Sendable {
    let keys: [TableSort.Key]
    let searchTexts: SearchTextCache
    let built: BuiltOrder?

    init(keys: [TableSort.Key] = [], searchTexts: SearchTextCache = SearchTextCache(), built: BuiltOrder?) {
        self.keys = keys
        self.searchTexts = searchTexts
        self.built = built
    }
}
