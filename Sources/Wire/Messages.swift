/// The Eru core messages erutop reads and writes, named after `pb` in projecteru2/core's
/// core.proto. Field numbers live with each message's codec (`Messages+Codec.swift`); the
/// field tables are in shared/eru-api.md §3. Sub-messages are optional so that "absent" and
/// "present but empty" stay different (eru-api.md §4.5).

/// `pb.Empty`.
public struct Empty: Sendable, Equatable {
    public init() {}
}

/// `pb.CoreInfo` (reply of `/pb.CoreRPC/Info`).
public struct CoreInfo: Sendable, Equatable {
    public var version = ""
    /// Spelled `revison` upstream.
    public var revision = ""
    public var buildAt = ""
    public var golangVersion = ""
    public var osArch = ""
    public var identifier = ""
    public init() {}
}

/// `pb.ListWorkloadsOptions`.
public struct ListWorkloadsOptions: Sendable, Equatable {
    public var appname = ""
    public var entrypoint = ""
    public var nodename = ""
    public var labels: [String: String] = [:]
    public var limit: Int64 = 0
    public init() {}
}

/// `pb.WorkloadStatusStreamOptions`.
public struct WorkloadStatusStreamOptions: Sendable, Equatable {
    public var appname = ""
    public var entrypoint = ""
    public var nodename = ""
    public var labels: [String: String] = [:]
    public init() {}
}

/// `pb.WorkloadStatus`.
public struct WorkloadStatus: Sendable, Equatable {
    public var id = ""
    public var running = false
    public var healthy = false
    public var networks: [String: String] = [:]
    public var `extension`: [UInt8] = []
    public var ttl: Int64 = 0
    public var appname = ""
    public var nodename = ""
    public var entrypoint = ""
    public init() {}
}

/// `pb.Workload`.
public struct Workload: Sendable, Equatable {
    public var id = ""
    public var podname = ""
    public var nodename = ""
    public var name = ""
    public var privileged = false
    public var labels: [String: String] = [:]
    public var publish: [String: String] = [:]
    public var image = ""
    public var status: WorkloadStatus?
    public var createTime: Int64 = 0
    public var env: [String] = []
    public var resources = ""
    public init() {}
}

/// `pb.WorkloadStatusStreamMessage`.
public struct WorkloadStatusStreamMessage: Sendable, Equatable {
    public var id = ""
    public var workload: Workload?
    public var status: WorkloadStatus?
    public var error = ""
    public var delete = false
    public init() {}
}

/// `pb.WorkloadID`.
public struct WorkloadID: Sendable, Equatable {
    public var id = ""
    public init() {}
}

/// `pb.WorkloadIDs` (the field is called `IDs` upstream).
public struct WorkloadIDs: Sendable, Equatable {
    public var ids: [String] = []
    public init() {}
}

/// `pb.WorkloadsStatus`.
public struct WorkloadsStatus: Sendable, Equatable {
    public var status: [WorkloadStatus] = []
    public init() {}
}

/// `pb.HealthCheckOptions`.
public struct HealthCheckOptions: Sendable, Equatable {
    public var tcpPorts: [String] = []
    public var httpPort = ""
    public var url = ""
    public var code: Int32 = 0
    public init() {}
}

/// `pb.HookOptions`.
public struct HookOptions: Sendable, Equatable {
    public var afterStart: [String] = []
    public var beforeStop: [String] = []
    public var force = false
    public init() {}
}

/// `pb.LogOptions`.
public struct LogOptions: Sendable, Equatable {
    public var type = ""
    public var config: [String: String] = [:]
    public init() {}
}

/// `pb.EntrypointOptions`.
public struct EntrypointOptions: Sendable, Equatable {
    public var name = ""
    public var command = ""
    public var privileged = false
    public var dir = ""
    public var log: LogOptions?
    public var publish: [String] = []
    public var healthcheck: HealthCheckOptions?
    public var hook: HookOptions?
    public var restart = ""
    public var sysctls: [String: String] = [:]
    public var commands: [String] = []
    public init() {}
}

/// `pb.NodeFilter`.
public struct NodeFilter: Sendable, Equatable {
    public var includes: [String] = []
    public var excludes: [String] = []
    public var labels: [String: String] = [:]
    public var all = false
    public init() {}
}

/// `pb.DeployOptions.Strategy`.
public enum DeployStrategy: Int32, Sendable, Equatable, CaseIterable {
    case auto = 0, fill = 1, each = 2, global = 3, drained = 4, dummy = 99
}

/// `pb.DeployOptions` (the fields erutop sets; file modes and owners are not used).
public struct DeployOptions: Sendable, Equatable {
    public var name = ""
    public var entrypoint: EntrypointOptions?
    public var podname = ""
    public var nodenames: [String] = []
    public var image = ""
    public var extraArgs = ""
    public var count: Int32 = 0
    public var env: [String] = []
    public var dns: [String] = []
    public var extraHosts: [String] = []
    public var networks: [String: String] = [:]
    public var user = ""
    public var debug = false
    public var openStdin = false
    public var labels: [String: String] = [:]
    public var nodelabels: [String: String] = [:]
    /// Raw enum value, so an unknown number from the wire survives a round trip.
    public var deployStrategy: Int32 = DeployStrategy.auto.rawValue
    public var data: [String: [UInt8]] = [:]
    public var nodesLimit: Int32 = 0
    public var ignoreHook = false
    public var afterCreate: [String] = []
    public var rawArgs: [UInt8] = []
    public var nodeFilter: NodeFilter?
    public var resources: [String: [UInt8]] = [:]
    public var ignorePull = false
    public init() {}
}

/// `pb.CreateWorkloadMessage`.
public struct CreateWorkloadMessage: Sendable, Equatable {
    public var podname = ""
    public var nodename = ""
    public var id = ""
    public var name = ""
    public var error = ""
    public var success = false
    public var publish: [String: String] = [:]
    public var hook: [UInt8] = []
    public var resources = ""
    public init() {}
}

/// `pb.RemoveWorkloadOptions`.
public struct RemoveWorkloadOptions: Sendable, Equatable {
    public var ids: [String] = []
    public var force = false
    public init() {}
}

/// `pb.RemoveWorkloadMessage`.
public struct RemoveWorkloadMessage: Sendable, Equatable {
    public var id = ""
    public var success = false
    /// Hook output, or the error text on failure (a string here, unlike CreateWorkloadMessage).
    public var hook = ""
    public init() {}
}

/// The method paths erutop calls (eru-api.md §2).
public enum CoreMethod {
    public static let info = "/pb.CoreRPC/Info"
    public static let listWorkloads = "/pb.CoreRPC/ListWorkloads"
    public static let workloadStatusStream = "/pb.CoreRPC/WorkloadStatusStream"
    public static let getWorkloadsStatus = "/pb.CoreRPC/GetWorkloadsStatus"
    public static let createWorkload = "/pb.CoreRPC/CreateWorkload"
    public static let removeWorkload = "/pb.CoreRPC/RemoveWorkload"
}
