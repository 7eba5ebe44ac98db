import Wire

/// Makes equal field values of many workloads share one copy. The workloads of one app carry
/// the same labels, image, pod and often node, and a 100k listing would otherwise hold 100k
/// copies of each label dictionary (a few hundred bytes apiece). Meant to live for one listing.
public struct SharedValues {
    /// Label sets seen, by `fingerprint`: hashing a dictionary through `Hashable` costs a
    /// SipHash per key and value, several times what this does.
    private var labelSets: [UInt64: [[String: String]]] = [:]
    private var texts: Set<String> = []

    public init() {}

    /// `workload` with its labels, publish map, image, pod and node replaced by equal values
    /// seen before, when there are such.
    public mutating func share(_ workload: Workload) -> Workload {
        var shared = workload
        shared.labels = share(labels: workload.labels)
        shared.publish = share(labels: workload.publish)
        shared.image = share(text: workload.image)
        shared.podname = share(text: workload.podname)
        shared.nodename = share(text: workload.nodename)
        return shared
    }

    private mutating func share(labels: [String: String]) -> [String: String] {
        guard !labels.isEmpty else { return labels }
        let key = Self.fingerprint(labels)
        if let seen = labelSets[key]?.first(where: { $0 == labels }) { return seen }
        labelSets[key, default: []].append(labels)
        return labels
    }

    /// A hash of the entries that does not depend on their order.
    private static func fingerprint(_ labels: [String: String]) -> UInt64 {
        var sum: UInt64 = 0
        for (key, value) in labels {
            var entry = RecordHash()
            entry.add(key)
            entry.add(value)
            sum &+= entry.value
        }
        return sum
    }

    private mutating func share(text: String) -> String {
        // Up to 15 UTF-8 bytes a String is stored inline: nothing to share.
        text.utf8.count <= 15 ? text : texts.insert(text).memberAfterInsert
    }
}
