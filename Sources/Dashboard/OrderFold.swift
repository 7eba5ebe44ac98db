/// One row the stream changed while a new order was built: as the order saw it, and as it is
/// now, both under the new sort and search.
struct OrderChange: Sendable {
    let before: PendingOrder.Before
    let after: PendingOrder.Before
}

extension TableSort {
    /// Up to this many changed rows are folded in on the UI thread: each removal or insertion
    /// moves one chunk of the order, a few microseconds. More go to the worker first.
    public static let keyAtATimeFoldLimit = 1_000

    /// Re-places the changed rows in `keys` (sorted by this order), one key at a time, and
    /// corrects `counts`.
    func fold(_ changes: [OrderChange], into keys: inout ChunkedArray<Key>, counts: inout StatusCounts) {
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
        // From the back, so the positions found above stay valid.
        for at in removed.sorted(by: >) { keys.remove(at: at) }
        for key in added { keys.insert(key, at: insertionIndex(of: key, in: keys)) }
    }
}
