/// One row the stream changed while a new order was built: as the order saw it, and as it is
/// now, both under the new sort and search.
struct OrderChange: Sendable {
    let before: PendingOrder.Before
    let after: PendingOrder.Before
}

extension TableSort {
    /// Up to this many changes are folded one key at a time: removing or inserting one key
    /// shifts the array by a memmove, well under a millisecond at 100k keys. More are merged
    /// in one pass, which copies every key (tens of milliseconds at 100k, so off the UI thread).
    static let keyAtATimeFoldLimit = 16

    /// Re-places the changed rows in `keys` (sorted by this order) and corrects `counts`.
    func fold(_ changes: [OrderChange], into keys: inout [Key], counts: inout StatusCounts) {
        var removed: [Int] = []
        var added: [Key] = []
        for change in changes {
            if case .shown(let key, let status) = change.before {
                let at = insertionIndex(of: key, in: keys)
                precondition(at < keys.count && keys[at].id == key.id, "a row the order holds is missing from it")
                removed.append(at)
                counts.add(status, -1)
            }
            if case .shown(let key, let status) = change.after {
                added.append(key)
                counts.add(status)
            }
        }
        if changes.count <= Self.keyAtATimeFoldLimit {
            for at in removed.sorted(by: >) { keys.remove(at: at) }
            for key in added { keys.insert(key, at: insertionIndex(of: key, in: keys)) }
        } else {
            keys = merged(keys, removing: removed.sorted(), adding: added.sorted { precedes($0, $1) })
        }
    }

    /// `keys` without the positions in `removed` (ascending), with `added` (sorted) in place.
    private func merged(_ keys: [Key], removing removed: [Int], adding added: [Key]) -> [Key] {
        var merged: [Key] = []
        merged.reserveCapacity(keys.count - removed.count + added.count)
        var nextRemoved = 0
        var nextAdded = 0
        for (index, key) in keys.enumerated() {
            if nextRemoved < removed.count, removed[nextRemoved] == index {
                nextRemoved += 1
                continue
            }
            while nextAdded < added.count, precedes(added[nextAdded], key) {
                merged.append(added[nextAdded])
                nextAdded += 1
            }
            merged.append(key)
        }
        merged.append(contentsOf: added[nextAdded...])
        return merged
    }
}
