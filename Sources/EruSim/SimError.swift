/// A failure of a simulated core call: Eru's numeric gRPC code plus the upstream error text
/// (eru-api.md §1.1, §1.2). The gRPC binding turns it into a status as-is.
public struct SimError: Error, Sendable, Equatable {
    /// The gRPC status code, usually one of Eru's non-standard 10xx codes.
    public var code: Int32
    /// The core's error text.
    public var message: String

    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }
}

/// Eru's numeric status codes for the RPCs the simulator serves (`rpc/errors.go`).
public enum EruCode {
    /// A plain gRPC UNKNOWN: unwrapped errors such as auth failures.
    public static let unknown: Int32 = 2
    /// Plain gRPC UNAVAILABLE, used for an injected transport-like stream failure.
    public static let unavailable: Int32 = 14
    public static let listWorkloads: Int32 = 1053
    public static let getWorkloadsStatus: Int32 = 1055
    public static let createWorkload: Int32 = 1074
    /// ReplaceWorkload's code, which RemoveWorkload also uses for its store errors (§9.9).
    public static let removeWorkload: Int32 = 1075
}

/// Upstream error texts the simulator reproduces (eru-api.md §1.2).
enum EruText {
    /// The missing-etcd-key text, for example for `/workloads/<id>`.
    static func missingKey(_ key: String) -> String {
        "key: \(key): bad `Count` value, entity count invalid"
    }

    static func missingWorkload(_ id: String) -> String { missingKey("/workloads/\(id)") }

    static let noWorkloadIDs = "no workload IDs given"
    static let nodeMapEmpty = "node map is empty"
    static let unsupportedStrategy = "deploy method not support yet"
    static let fillAlreadyFull = "cannot alloc a fill node plan, each node has enough workloads"

    static func notEnoughResource(need: Int, available: Int) -> String {
        "need: \(need), available: \(available): cannot alloc a plan, not enough resource"
    }
}
