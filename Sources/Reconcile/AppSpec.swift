import Wire

/// An app spec in eru-cli's YAML format (eru-api.md §8), as far as deploying needs it.
///
/// Like eru-cli, unknown keys are ignored (real specs also carry build stages and the like), but
/// the keys it knows must have the right type.
public struct AppSpec: Sendable, Equatable {
    public var appname: String
    public var entrypoints: [String: EntrypointSpec]
    /// `volumes`: storage plugin `volumes-limit`.
    public var volumes: [String]
    /// `volumes_request`: storage plugin `volumes-request`.
    public var volumesRequest: [String]
    public var labels: [String: String]
    public var dns: [String]
    public var extraHosts: [String]

    public init(
        appname: String, entrypoints: [String: EntrypointSpec], volumes: [String] = [],
        volumesRequest: [String] = [], labels: [String: String] = [:], dns: [String] = [],
        extraHosts: [String] = []
    ) {
        self.appname = appname
        self.entrypoints = entrypoints
        self.volumes = volumes
        self.volumesRequest = volumesRequest
        self.labels = labels
        self.dns = dns
        self.extraHosts = extraHosts
    }
}

/// One `entrypoints.<name>` entry of an app spec.
public struct EntrypointSpec: Sendable, Equatable {
    /// `cmd`: one string, split on single spaces when `commands` is empty.
    public var cmd = ""
    public var commands: [String] = []
    public var privileged = false
    public var dir = ""
    public var restart = ""
    public var sysctls: [String: String] = [:]
    public var publish: [String] = []
    public var healthcheck: HealthCheckOptions?
    public var hook: HookOptions?
    public var log: LogOptions?

    public init() {}
}

extension AppSpec {
    /// Parses an app spec document; errors point into `file`.
    static func parse(_ text: String, file: String) throws(ConfigError) -> AppSpec {
        let root: YAMLNode
        do {
            root = try YAMLDocumentParser.parse(text)
        } catch {
            throw YAMLMapReader.error(file, error.mark, "", error.message)
        }
        let map = try YAMLMapReader(root, file: file, path: "")
        let appname = try map.require(map.string("appname"), "appname")

        var entrypoints: [String: EntrypointSpec] = [:]
        if let node = map.node("entrypoints") {
            let entries = try YAMLMapReader(node, file: file, path: "entrypoints")
            for (name, value) in entries.entries() {
                let entry = try YAMLMapReader(value, file: file, path: entries.keyPath(name))
                entrypoints[name] = try EntrypointSpec.parse(entry)
            }
        }

        return AppSpec(
            appname: appname, entrypoints: entrypoints,
            volumes: try map.strings("volumes") ?? [],
            volumesRequest: try map.strings("volumes_request") ?? [],
            labels: try map.stringMap("labels") ?? [:],
            dns: try map.strings("dns") ?? [],
            extraHosts: try map.strings("extra_hosts") ?? []
        )
    }
}

extension EntrypointSpec {
    fileprivate static func parse(_ map: YAMLMapReader) throws(ConfigError) -> EntrypointSpec {
        var spec = EntrypointSpec()
        spec.cmd = try map.string("cmd") ?? ""
        spec.commands = try map.strings("commands") ?? []
        spec.privileged = try map.bool("privileged") ?? false
        spec.dir = try map.string("dir") ?? ""
        spec.restart = try map.string("restart") ?? ""
        spec.sysctls = try map.stringMap("sysctls") ?? [:]
        spec.publish = try map.strings("publish") ?? []

        if let node = map.node("healthcheck") {
            let check = try YAMLMapReader(node, file: map.file, path: map.keyPath("healthcheck"))
            var options = HealthCheckOptions()
            options.tcpPorts = try check.strings("tcp_ports") ?? []
            options.httpPort = try check.string("http_port") ?? ""
            options.url = try check.string("url") ?? ""
            let code = try check.int("code") ?? 0
            guard let code32 = Int32(exactly: code) else { throw check.error("code", "out of range") }
            options.code = code32
            spec.healthcheck = options
        }
        if let node = map.node("hook") {
            let hook = try YAMLMapReader(node, file: map.file, path: map.keyPath("hook"))
            var options = HookOptions()
            options.afterStart = try hook.strings("after_start") ?? []
            options.beforeStop = try hook.strings("before_stop") ?? []
            options.force = try hook.bool("force") ?? false
            spec.hook = options
        }
        if let node = map.node("log") {
            let log = try YAMLMapReader(node, file: map.file, path: map.keyPath("log"))
            var options = LogOptions()
            options.type = try log.string("type") ?? ""
            options.config = try log.stringMap("config") ?? [:]
            spec.log = options
        }
        return spec
    }
}
