import Wire

/// One entry of `replicasets:`: keep `replicas` alive instances of `appname`/`entrypoint`.
///
/// The set's instances are the rows with this appname and entrypoint whose labels include
/// `settings.labels`; new instances carry those labels, so they match too.
public struct ReplicaSetSpec: Sendable, Equatable {
    public var appname: String
    public var entrypoint: String
    public var replicas: Int
    public var podname: String
    public var image: String
    /// The app spec (already read from the `spec:` path).
    public var app: AppSpec
    public var settings: DeploySettings
    /// How long a new instance may be unhealthy (or silent) and still count as alive.
    public var startupGrace: Double

    public init(
        appname: String, entrypoint: String, replicas: Int, podname: String, image: String,
        app: AppSpec, settings: DeploySettings = DeploySettings(), startupGrace: Double = 120
    ) {
        self.appname = appname
        self.entrypoint = entrypoint
        self.replicas = replicas
        self.podname = podname
        self.image = image
        self.app = app
        self.settings = settings
        self.startupGrace = startupGrace
    }

    /// The largest `replicas` a file may ask for.
    public static let maximumReplicas = 10_000

    /// The set's filter labels.
    public var labels: [String: String] { settings.labels }

    /// A stable name: `app/entry`, plus `{k=v,...}` (sorted) when the set has labels.
    public var key: String {
        let base = "\(appname)/\(entrypoint)"
        guard !labels.isEmpty else { return base }
        let pairs = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return base + "{" + pairs.joined(separator: ",") + "}"
    }

    /// True when a row with these labels and name parts is an instance of this set.
    public func matches(appname: String, entrypoint: String, labels rowLabels: [String: String]) -> Bool {
        appname == self.appname && entrypoint == self.entrypoint
            && labels.allSatisfy { rowLabels[$0.key] == $0.value }
    }
}

/// The deploy flags a set carries, mirroring `eru-cli workload deploy` (eru-api.md §8).
public struct DeploySettings: Sendable, Equatable {
    /// `network`: `name` or `name=ip` (default `host`), as network → requested IP.
    public var networks: [String: String] = ["host": ""]
    public var env: [String] = []
    /// `nodes`: `node_filter.includes`.
    public var nodes: [String] = []
    /// `nodelabels`: `node_filter.labels`.
    public var nodeLabels: [String: String] = [:]
    /// `cpu`: sets both cpu-request and cpu-limit (like `--cpu`); nil keeps 0 / 1.0.
    public var cpu: Double?
    /// `memory` in bytes: sets both memory-request and memory-limit; nil keeps 0 / 512M.
    public var memory: Int64?
    /// `storage` in bytes: sets both storage-request and storage-limit; nil leaves them out.
    public var storage: Int64?
    public var deployStrategy: DeployStrategy = .auto
    /// The set's labels: its instance filter, and added to every created workload.
    public var labels: [String: String] = [:]
    public var user = "root"
    public var afterCreate: [String] = []

    public init() {}
}
