/// The simulated store's workload records, with their deploy keys kept in etcd's byte order.
///
/// A record's deploy key never changes (its parts are `let`), so only insertions and removals
/// move the order. Both go through this type, which updates `order` in the same step; the
/// records themselves are read-only outside it and edited in place with `update`.
struct WorkloadStore {
    /// One record's deploy key bytes and ID.
    struct Entry: Sendable, Equatable {
        let key: [UInt8]
        let id: String
    }

    /// Records by ID.
    private(set) var records: [String: SimWorkload] = [:]
    /// One entry per record, sorted by key bytes (keys end in the unique ID, so none are equal).
    private(set) var order: [Entry] = []

    var count: Int { records.count }

    subscript(id: String) -> SimWorkload? { records[id] }

    /// Adds `workload`, whose ID must be new.
    mutating func insert(_ workload: SimWorkload) {
        precondition(records.updateValue(workload, forKey: workload.id) == nil, "workload IDs are unique")
        let entry = Entry(workload)
        order.insert(entry, at: lowerBound(entry.key))
    }

    /// Adds many new workloads with one sort, which is much cheaper than inserting them one
    /// by one into a large order.
    mutating func insert(contentsOf workloads: [SimWorkload]) {
        records.reserveCapacity(records.count + workloads.count)
        order.reserveCapacity(order.count + workloads.count)
        for workload in workloads {
            precondition(records.updateValue(workload, forKey: workload.id) == nil, "workload IDs are unique")
            order.append(Entry(workload))
        }
        order.sort { keyBytesPrecede($0.key, $1.key) }
    }

    /// Removes and returns the record with `id`, if any.
    @discardableResult
    mutating func remove(_ id: String) -> SimWorkload? {
        guard let removed = records.removeValue(forKey: id) else { return nil }
        order.remove(at: lowerBound(Entry(removed).key))
        return removed
    }

    /// Edits the record with `id` in place and returns what `edit` returns, or nil when there
    /// is no such record. The edit cannot change the key parts, which are `let`, but could
    /// assign a whole other record; that traps.
    @discardableResult
    mutating func update<Result>(_ id: String, _ edit: (inout SimWorkload) -> Result) -> Result? {
        guard let index = records.index(forKey: id) else { return nil }
        let parts = records.values[index].keyParts
        let result = edit(&records.values[index])
        precondition(records.values[index].keyParts == parts, "a store update must keep the deploy key")
        return result
    }

    /// The entries whose key starts with `prefix`, in key order: one contiguous run.
    func entries(withKeyPrefix prefix: String) -> ArraySlice<Entry> {
        let bytes = Array(prefix.utf8)
        let start = lowerBound(bytes)
        let end = order[start...].firstIndex { !$0.key.starts(with: bytes) } ?? order.endIndex
        return order[start..<end]
    }

    /// The first index whose key is not below `key`.
    private func lowerBound(_ key: [UInt8]) -> Int {
        var low = 0
        var high = order.count
        while low < high {
            let middle = (low + high) / 2
            if keyBytesPrecede(order[middle].key, key) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension WorkloadStore.Entry {
    init(_ workload: SimWorkload) {
        self.init(key: Array(workload.deployKey.utf8), id: workload.id)
    }
}

/// Bytewise order of two keys, as etcd sorts them.
func keyBytesPrecede(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    lhs.lexicographicallyPrecedes(rhs)
}
