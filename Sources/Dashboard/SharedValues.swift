import Wire

/// Makes equal field values of many workloads share one copy. The workloads of one app carry
/// the same labels, image, pod and often node, and a 100k listing would otherwise hold 100k
/// copies of each label dictionary (a few hundred bytes apiece). Meant to live for one listing.
public struct SharedValues {
    private var labelSets: Set<[String: String]> = []
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
        labels.isEmpty ? labels : labelSets.insert(labels).memberAfterInsert
    }

    private mutating func share(text: String) -> String {
        // Up to 15 UTF-8 bytes a String is stored inline: nothing to share.
        text.utf8.count <= 15 ? text : texts.insert(text).memberAfterInsert
    }
}
