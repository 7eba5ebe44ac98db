/// Which column the table is sorted by, and in which direction.
public struct TableSort: Sendable, Equatable {
    public enum Column: String, Sendable, CaseIterable {
        case name, status, node, created, id
    }

    public var column: Column
    public var ascending: Bool

    public init(column: Column = .name, ascending: Bool = true) {
        self.column = column
        self.ascending = ascending
    }

    /// The next column in the cycle the `s` key walks through.
    public func nextColumn() -> TableSort {
        let all = Column.allCases
        let next = all[(all.firstIndex(of: column)! + 1) % all.count]
        return TableSort(column: next, ascending: ascending)
    }

    /// `name↑`, `status↓`, …
    public var description: String { column.rawValue + (ascending ? "↑" : "↓") }

    /// A strict total order: the column decides, the ID breaks ties (always ascending), so every
    /// row has exactly one place and a binary search finds it.
    public func precedes(_ a: WorkloadRow, _ b: WorkloadRow) -> Bool {
        precedes(key(a), key(b))
    }

    /// Whether two versions of a row sort the same (so an update needs no move).
    public func sameKey(_ a: WorkloadRow, _ b: WorkloadRow) -> Bool {
        key(a).compareColumn(key(b)) == .orderedSame
    }

    /// `precedes` on the rows the keys were taken from.
    func precedes(_ a: Key, _ b: Key) -> Bool {
        switch a.compareColumn(b) {
        case .orderedAscending: ascending
        case .orderedDescending: !ascending
        case .orderedSame: a.id < b.id
        }
    }

    /// First position in `keys` (sorted by this order) whose key does not precede `key`.
    func insertionIndex(of key: Key, in keys: ChunkedArray<Key>) -> Int {
        keys.partitionPoint { precedes($0, key) }
    }

    /// `precedes` for a full sort, through the packed prefixes (same order as on the keys).
    func precedes(_ a: Entry, _ b: Entry) -> Bool {
        var order = ComparisonOrder(a.key.number, b.key.number)
        if order == .orderedSame { order = a.text.compare(b.text, a.key.text, b.key.text) }
        switch order {
        case .orderedAscending: return ascending
        case .orderedDescending: return !ascending
        case .orderedSame: return a.id.compare(b.id, a.key.id, b.key.id) == .orderedAscending
        }
    }

    /// What a row sorts by under this column: a few words instead of the whole row, so a full
    /// sort of 100k rows moves and compares little (`WorkloadTable.rebuildOrder`). Kept small:
    /// the table keeps one per shown row in an array that updates shift.
    struct Key {
        /// Name, node or short ID; empty for the numeric columns.
        var text: String
        /// Status rank or creation time; 0 for the text columns.
        var number: Int64
        var id: String

        func compareColumn(_ other: Key) -> ComparisonOrder {
            let byNumber = ComparisonOrder(number, other.number)
            return byNumber == .orderedSame ? ComparisonOrder(text, other.text) : byNumber
        }
    }

    /// A key with its texts prepared for the many comparisons of a full sort.
    struct Entry {
        let key: Key
        let text: SortPrefix
        let id: SortPrefix

        init(_ key: Key) {
            self.key = key
            text = SortPrefix(key.text)
            id = SortPrefix(key.id)
        }
    }

    func key(_ row: WorkloadRow) -> Key {
        switch column {
        case .name: Key(text: row.name, number: 0, id: row.id)
        case .status: Key(text: "", number: Int64(row.statusWord.rank), id: row.id)
        case .node: Key(text: row.nodename, number: 0, id: row.id)
        case .created: Key(text: "", number: row.createTime, id: row.id)
        // By the short ID the table shows, so the order reads as sorted and can be reversed.
        case .id: Key(text: row.shortID, number: 0, id: row.id)
        }
    }
}

/// The first 8 bytes of a string packed into an integer, when it is all ASCII: most
/// comparisons of a 100k-row sort are then one integer comparison. For ASCII, String's order
/// is the byte order, so a difference in the packed bytes decides; a tie, or any non-ASCII
/// string (whose order depends on normalisation), falls back to comparing the Strings.
struct SortPrefix {
    /// The first 8 bytes, big-endian, zero-padded; nil unless the whole string is ASCII.
    private let packed: UInt64?

    init(_ string: String) {
        var packed: UInt64 = 0
        var count = 0
        for byte in string.utf8 {
            if byte >= 0x80 {
                self.packed = nil
                return
            }
            if count < 8 {
                packed |= UInt64(byte) << (56 - 8 * count)
                count += 1
            }
        }
        self.packed = packed
    }

    /// The order of `a` and `b`, whose prefixes these are.
    func compare(_ other: SortPrefix, _ a: String, _ b: String) -> ComparisonOrder {
        if let mine = packed, let theirs = other.packed, mine != theirs {
            return mine < theirs ? .orderedAscending : .orderedDescending
        }
        return ComparisonOrder(a, b)
    }
}

/// Three-way comparison without Foundation's bridging.
enum ComparisonOrder {
    case orderedAscending, orderedSame, orderedDescending

    init<T: Comparable>(_ a: T, _ b: T) {
        self = a < b ? .orderedAscending : (a == b ? .orderedSame : .orderedDescending)
    }
}
