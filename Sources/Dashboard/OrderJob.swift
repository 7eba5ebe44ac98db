/// The work of a new sort or search over the whole table, on a snapshot of its rows: pure and
/// `Sendable`, so it can run on another thread while the table keeps following the stream
/// (`FeedMerger.reorder`, then `FeedMerger.finish` with the result).
public struct OrderJob: Sendable {
    /// Which request this is; a result whose ticket is no longer awaited is dropped.
    public let ticket: Int
    /// The rows as they were when the job was made.
    let rows: [String: WorkloadRow]
    let sort: TableSort
    /// The server-side part equals the table's; `search` is the one to apply.
    let filters: Filters
    /// The table's search texts, reused for the rows that did not change.
    var searchTexts: SearchTextCache

    /// The shown rows' keys in order, with their counts. O(n log n) in the rows.
    public consuming func run() -> BuiltOrder {
        let sort = sort
        var entries: [TableSort.Entry] = []
        entries.reserveCapacity(rows.count)
        var counts = StatusCounts()
        var texts = SearchTextCache(capacity: filters.search.isEmpty ? 0 : rows.count)
        let needle = filters.search.isEmpty ? nil : SearchNeedle(filters.search)
        for index in rows.indices {
            if let needle, !texts.matches(rows.values[index], needle, reusing: searchTexts) { continue }
            entries.append(TableSort.Entry(sort.key(rows.values[index])))
            counts.add(rows.values[index].statusWord)
        }
        // The old texts are not needed any more: free them before the sort, not after.
        searchTexts = SearchTextCache()
        entries.sort { sort.precedes($0, $1) }
        return BuiltOrder(job: self, keys: entries.map(\.key), counts: counts, searchTexts: texts)
    }
}

/// What an `OrderJob` produced: the order of its snapshot, to be folded into the table.
public struct BuiltOrder: Sendable {
    /// The job it answers (its snapshot, sort and filters).
    let job: OrderJob
    let keys: [TableSort.Key]
    let counts: StatusCounts
    let searchTexts: SearchTextCache

    public var ticket: Int { job.ticket }
}

/// What taking a built order leaves behind: the order and search texts it replaced, the job's
/// snapshot, or a whole result that came too late. Freeing 100k keys or texts touches as many
/// scattered objects, tens of milliseconds, so the UI thread hands this to another to drop.
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
