import Foundation
import Wire

/// The four status words erutop shows. The colour that goes with each is never the only signal.
public enum StatusWord: String, Sendable, CaseIterable, Comparable {
    /// Running and healthy.
    case healthy
    /// Running, not healthy.
    case unhealthy
    /// Not running.
    case stopped
    /// No status reported yet (an all-empty `WorkloadStatus`, eru-api.md §4.5).
    case unknown

    public static func < (lhs: StatusWord, rhs: StatusWord) -> Bool {
        lhs.rank < rhs.rank
    }

    /// Position in the declaration order (`allCases` would allocate an array per comparison).
    var rank: Int {
        switch self {
        case .healthy: 0
        case .unhealthy: 1
        case .stopped: 2
        case .unknown: 3
        }
    }
}

/// One workload as the table shows it: the workload record merged with its latest status.
public struct WorkloadRow: Sendable, Equatable, Identifiable {
    /// Full workload ID (64 hex for docker).
    public var id: String
    /// `<appname>_<entrypoint>_<ident>`.
    public var name: String
    public var podname: String
    public var nodename: String
    public var image: String
    public var labels: [String: String]
    public var publish: [String: String]
    /// Unix seconds.
    public var createTime: Int64
    public var env: [String]
    /// `nil` when no status has been reported yet.
    public var status: WorkloadStatus?
    /// When erutop last saw this row change.
    public var lastChange: Date
    /// `WorkloadRecord.digest` of the record the row was built from; 0 when unknown. A cache,
    /// not content: rows that differ only here are equal.
    public var recordDigest = 0

    public init(
        id: String, name: String = "", podname: String = "", nodename: String = "",
        image: String = "", labels: [String: String] = [:], publish: [String: String] = [:],
        createTime: Int64 = 0, env: [String] = [], status: WorkloadStatus? = nil,
        lastChange: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.name = name
        self.podname = podname
        self.nodename = nodename
        self.image = image
        self.labels = labels
        self.publish = publish
        self.createTime = createTime
        self.env = env
        self.status = status
        self.lastChange = lastChange
    }

    /// A row from a listed or streamed workload record. An all-empty status (id "") means
    /// "no status yet".
    public init(_ workload: Workload, status: WorkloadStatus?, seenAt: Date, recordDigest: Int = 0) {
        self.init(
            id: workload.id, name: workload.name, podname: workload.podname,
            nodename: workload.nodename, image: workload.image, labels: workload.labels,
            publish: workload.publish, createTime: workload.createTime, env: workload.env,
            status: Self.shown(status ?? workload.status, of: workload.id), lastChange: seenAt
        )
        self.recordDigest = recordDigest
    }

    /// The row of a listed workload, with its record's digest.
    public init(listed workload: Workload, seenAt: Date) {
        self.init(workload, status: workload.status, seenAt: seenAt, recordDigest: WorkloadRecord(workload).digest)
    }

    /// The status a row of workload `id` shows: nil for none or an all-empty one. Its ID
    /// shares the row's string when they are equal (100k copies of a 64-byte ID add up).
    static func shown(_ status: WorkloadStatus?, of id: String) -> WorkloadStatus? {
        guard var status, !status.id.isEmpty else { return nil }
        if status.id == id { status.id = id }
        return status
    }

    /// Whether this row was built from the same record as `workload` (the status aside). The
    /// cheap fields are compared first; the ID is the caller's key and is not compared.
    func hasRecord(of workload: Workload) -> Bool {
        createTime == workload.createTime && name == workload.name && nodename == workload.nodename
            && podname == workload.podname && image == workload.image && env == workload.env
            && labels == workload.labels && publish == workload.publish
    }

    public static func == (a: WorkloadRow, b: WorkloadRow) -> Bool {
        a.id == b.id && a.createTime == b.createTime && a.name == b.name && a.podname == b.podname
            && a.nodename == b.nodename && a.image == b.image && a.env == b.env && a.labels == b.labels
            && a.publish == b.publish && a.status == b.status && a.lastChange == b.lastChange
    }

    /// The last 7 characters of the ID, as eru-cli writes it.
    public var shortID: String { String(id.suffix(7)) }

    public var running: Bool { status?.running ?? false }
    public var healthy: Bool { status?.healthy ?? false }
    public var networks: [String: String] { status?.networks ?? [:] }
    public var extensionBytes: [UInt8] { status?.extension ?? [] }

    public var statusWord: StatusWord {
        // Through optional chaining: `guard let status` would copy the whole status.
        guard let running = status?.running else { return .unknown }
        if !running { return .stopped }
        return status?.healthy == true ? .healthy : .unhealthy
    }

    /// App, entrypoint and ident parsed from the name. The appname may itself contain `_`; the
    /// last two `_`-separated parts are entrypoint and ident (eru-api.md §3, Workload.name).
    public var nameParts: (appname: String, entrypoint: String, ident: String) {
        let parts = name.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return (name, "", "") }
        return (
            parts.dropLast(2).joined(separator: "_"), String(parts[parts.count - 2]),
            String(parts[parts.count - 1])
        )
    }

    public var appname: String { nameParts.appname }
    public var entrypoint: String { nameParts.entrypoint }
}

/// How many rows are in each status.
public struct StatusCounts: Sendable, Equatable {
    public var total = 0
    public var healthy = 0
    public var unhealthy = 0
    public var stopped = 0
    public var unknown = 0

    public init() {}

    public init<S: Sequence>(_ rows: S) where S.Element == WorkloadRow {
        for row in rows { add(row.statusWord) }
    }

    public mutating func add(_ word: StatusWord, _ delta: Int = 1) {
        total += delta
        switch word {
        case .healthy: healthy += delta
        case .unhealthy: unhealthy += delta
        case .stopped: stopped += delta
        case .unknown: unknown += delta
        }
    }
}
