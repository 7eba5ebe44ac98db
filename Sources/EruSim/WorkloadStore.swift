/// The simulated store's workload records, with their deploy keys kept in etcd's byte order
/// and each record's encoded ListWorkloads message cached until the record changes.
///
/// A record's deploy key never changes (its parts are `let`), so only insertions and removals
/// move the order. Both go through this type, which updates `order` in the same step. Records
/// are read-only outside it and edited in place with `update`, which also drops the record's
/// cached message; so neither the order nor a cached message can go stale.
struct WorkloadStore {
    /// One record's deploy key bytes and ID.
    struct Entry: Sendable, Equatable {
        let key: [UInt8]
        let id: String
    }

    /// Records by ID.
    private var records: [String: SimWorkload] = [:]
    /// One entry per record, sorted by key bytes (keys end in the unique ID, so none are equal).
    private(set) var order: [Entry] = []
    /// The encoded ListWorkloads message of each record encoded since its last change. Apart
    /// from `records`, so that reading a message does not copy the whole record out.
    private var listings: [String: [UInt8]] = [:]

    /// Every record, in no particular order.
    var all: Dictionary<String, SimWorkload>.Values { records.values }

    subscript(id: String) -> SimWorkload? { records[id] }

    /// Adds `workload`, whose ID must be new.
    mutating func insert(_ workload: SimWorkload) {
        precondition(records.updateValue(workload, forKey: workload.id) == nil, "IDs are unique")
        let entry = Entry(workload)
        order.insert(entry, at: lowerBound(entry.key))
    }

    /// Adds many new workloads with one sort, which is much cheaper than inserting them one
    /// by one into a large order.
    mutating func insert(contentsOf workloads: [SimWorkload]) {
        records.reserveCapacity(records.count + workloads.count)
        order.reserveCapacity(order.count + workloads.count)
        for workload in workloads {
            precondition(records.updateValue(workload, forKey: workload.id) == nil, "IDs are unique")
            order.append(Entry(workload))
        }
        order.sort { keyBytesPrecede($0.key, $1.key) }
    }

    /// Removes and returns the record with `id`, if any.
    @discardableResult
    mutating func remove(_ id: String) -> SimWorkload? {
        guard let removed = records.removeValue(forKey: id) else { return nil }
        listings.removeValue(forKey: id)
        let index = lowerBound(Entry(removed).key)
        precondition(order[index].id == id, "the order holds every record")
        order.remove(at: index)
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
        listings.removeValue(forKey: id)
        return result
    }

    /// The ListWorkloads message of the record with `id` as it is now (`bound().wireBytes()`),
    /// encoded only when the record changed since it was last encoded.
    mutating func listing(of id: String) -> [UInt8]? {
        if let bytes = listings[id] { return bytes }
        guard let bytes = records[id]?.bound().wireBytes() else { return nil }
        listings[id] = bytes
        return bytes
    }

    /// Encodes every record's ListWorkloads message that is not cached yet. Goes in key order,
    /// so that the messages lie in memory about as a full listing reads them.
    mutating func encodeListings() {
        listings.reserveCapacity(records.count)
        for entry in order where listings[entry.id] == nil {
            listings[entry.id] = records[entry.id]?.bound().wireBytes()
        }
    }

    /// The entries whose key starts with `prefix`, in key order: one contiguous run.
    func entries(withKeyPrefix prefix: String) -> ArraySlice<Entry> {
        let bytes = Array(prefix.utf8)
        let start = lowerBound(bytes)
        let end = firstIndex { !keyBytesPrecede($0, bytes) && !$0.starts(with: bytes) }
        return order[start..<end]
    }

    /// The first index whose key is not below `key`.
    private func lowerBound(_ key: [UInt8]) -> Int {
        firstIndex { !keyBytesPrecede($0, key) }
    }

    /// The first index whose key satisfies `isPast`, by binary search: `isPast` must be false
    /// for a run of keys from the start and true for the rest.
    private func firstIndex(where isPast: ([UInt8]) -> Bool) -> Int {
        var low = 0
        var high = order.count
        while low < high {
            let middle = (low + high) / 2
            if isPast(order[middle].key) { high = middle } else { low = middle + 1 }
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
