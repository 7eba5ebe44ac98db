import Foundation
import Wire

/// The table's rows keyed by workload ID, stored densely in one array with a dictionary from ID
/// to position.
///
/// A `[String: WorkloadRow]` copies the whole row (a dozen reference-counted fields) when a
/// caller reads one field of it through the dictionary; here rows sit in an array, whose
/// element accessors reach a field in place, and the dictionary holds only small positions.
/// Removal moves the last row into the hole, so positions are only stable between changes.
public struct RowStore: Sendable {
    private var slots: [WorkloadRow] = []
    private var positions: [String: Int] = [:]

    public init() {}

    /// A store of `rows` that keeps their array as it is (no copy) unless two share an ID,
    /// when the last one wins.
    init(_ rows: [WorkloadRow]) {
        positions.reserveCapacity(rows.count)
        // By index: iterating would copy every row.
        for at in rows.indices where positions.updateValue(at, forKey: rows[at].id) != nil {
            positions = [:]
            for row in rows { store(row) }
            return
        }
        slots = rows
    }

    public var count: Int { slots.count }
    public var isEmpty: Bool { slots.isEmpty }
    /// Every row, in no particular order.
    public var values: [WorkloadRow] { slots }

    public subscript(id: String) -> WorkloadRow? {
        positions[id].map { slots[$0] }
    }

    /// Where the row of `id` is, until the next insertion or removal.
    func position(of id: String) -> Int? {
        positions[id]
    }

    /// The row at a position from `position(of:)`, read and changed in place.
    subscript(position position: Int) -> WorkloadRow {
        // `_read` lends the row: a plain getter would copy all of it to read one field.
        _read { yield slots[position] }
        _modify { yield &slots[position] }
    }

    /// Gives the row at `position` a new status seen at `now`, in place; returns its status word
    /// before and after, or nil when it already had that status. Straight on the array: through
    /// the position subscript the comparison would copy the row's status.
    mutating func setStatus(_ status: consuming WorkloadStatus?, at position: Int, now: Date) -> (StatusWord, StatusWord)? {
        if slots[position].status.isSame(as: status) { return nil }
        let before = slots[position].statusWord
        slots[position].status = status
        slots[position].lastChange = now
        return (before, slots[position].statusWord)
    }

    /// Stores `row`, replacing the row with its ID if there is one.
    mutating func store(_ row: WorkloadRow) {
        if let at = positions[row.id] {
            slots[at] = row
        } else {
            positions[row.id] = slots.count
            slots.append(row)
        }
    }

    /// Removes and returns the row of `id`.
    @discardableResult
    mutating func remove(id: String) -> WorkloadRow? {
        guard let at = positions.removeValue(forKey: id) else { return nil }
        let last = slots.count - 1
        if at != last {
            slots.swapAt(at, last)
            positions[slots[at].id] = at
        }
        return slots.removeLast()
    }

    mutating func removeAll(keepingCapacity capacity: Int = 0) {
        slots = []
        positions = [:]
        slots.reserveCapacity(capacity)
        positions.reserveCapacity(capacity)
    }

    /// Keeps only the rows for which `keep` is true.
    mutating func filter(_ keep: (WorkloadRow) -> Bool) {
        let kept = slots.filter(keep)
        removeAll(keepingCapacity: kept.count)
        for row in kept { store(row) }
    }
}

extension Optional where Wrapped == WorkloadStatus {
    /// `==` without copying either status: `Optional`'s own `==` copies both into a tuple, a
    /// dozen reference counts per call. The flags go first: most changes are a health flip.
    func isSame(as other: WorkloadStatus?) -> Bool {
        if self == nil || other == nil { return self == nil && other == nil }
        return self?.running == other?.running && self?.healthy == other?.healthy && self?.ttl == other?.ttl
            && self?.id == other?.id && self?.extension == other?.extension && self?.networks == other?.networks
            && self?.appname == other?.appname && self?.nodename == other?.nodename
            && self?.entrypoint == other?.entrypoint
    }
}
