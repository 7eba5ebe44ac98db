import Foundation
import Wire

/// The `--replicas FILE` document: a `replicasets:` list, each naming an app spec file.
public enum ReplicasFile {
    /// Reads and checks `path` and every spec it names. Nothing is usable unless all of it is.
    ///
    /// - Throws: `ConfigError` pointing at FILE:LINE:COLUMN and the key: YAML syntax, a missing
    ///   or unknown key, a wrong type, `replicas` < 0, an entrypoint with `_`, an unreadable or
    ///   bad spec, an unknown deploy strategy, or two sets that would claim the same instances.
    public static func load(path: String) throws(ConfigError) -> [ReplicaSetSpec] {
        let text = try read(path, from: nil)
        let root: YAMLNode
        do {
            root = try YAMLDocumentParser.parse(text)
        } catch {
            throw YAMLMapReader.error(path, error.mark, "", error.message)
        }

        let top = try YAMLMapReader(root, file: path, path: "")
        let listNode = try top.require(top.node("replicasets"), "replicasets")
        try top.finish()
        guard case .sequence(let items, _) = listNode else {
            throw YAMLMapReader.error(
                path, listNode.mark, "replicasets", "expected a list, found \(listNode.kindName)"
            )
        }

        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        var sets: [(spec: ReplicaSetSpec, mark: YAMLMark)] = []
        for (index, item) in items.enumerated() {
            let map = try YAMLMapReader(item, file: path, path: "replicasets[\(index)]")
            let spec = try parseSet(map, directory: directory)
            if let other = sets.first(where: { overlaps($0.spec, spec) }) {
                throw YAMLMapReader.error(
                    path, item.mark, map.path,
                    "claims the same instances as the set at line \(other.mark.line) (same appname and "
                        + "entrypoint, and one's labels include the other's)"
                )
            }
            sets.append((spec, item.mark))
        }
        return sets.map(\.spec)
    }

    private static func parseSet(_ map: YAMLMapReader, directory: URL) throws(ConfigError) -> ReplicaSetSpec {
        let appname = try map.require(map.string("appname"), "appname")
        let entrypoint = try map.require(map.string("entrypoint"), "entrypoint")
        if entrypoint.isEmpty || entrypoint.contains("_") {
            throw map.error("entrypoint", "must be non-empty and contain no '_' (Eru rejects it)")
        }
        let replicas = try map.require(map.int("replicas"), "replicas")
        guard replicas >= 0 else { throw map.error("replicas", "must be 0 or more") }
        // A typo such as an extra digit must not turn into thousands of deploys.
        guard replicas <= ReplicaSetSpec.maximumReplicas else {
            throw map.error("replicas", "must be at most \(ReplicaSetSpec.maximumReplicas)")
        }
        let podname = try map.require(map.string("podname"), "podname")
        let image = try map.require(map.string("image"), "image")
        let specPath = try map.require(map.string("spec"), "spec")

        let resolved = specPath.hasPrefix("/") ? specPath : directory.appendingPathComponent(specPath).path
        let app = try AppSpec.parse(read(resolved, from: map), file: resolved)
        guard app.appname == appname else {
            throw map.error("appname", "\"\(appname)\" differs from the spec's appname \"\(app.appname)\"")
        }
        guard app.entrypoints[entrypoint] != nil else {
            throw map.error("entrypoint", "\"\(entrypoint)\" is not among the entrypoints of \(resolved)")
        }

        let settings = try parseSettings(map)
        let grace = try map.double("startup_grace") ?? 120
        guard grace >= 0 else { throw map.error("startup_grace", "must be 0 or more seconds") }
        try map.finish()

        return ReplicaSetSpec(
            appname: appname, entrypoint: entrypoint, replicas: replicas, podname: podname,
            image: image, app: app, settings: settings, startupGrace: grace
        )
    }

    private static func parseSettings(_ map: YAMLMapReader) throws(ConfigError) -> DeploySettings {
        var settings = DeploySettings()
        if let network = try map.string("network") {
            // eru-cli's rule: an ip only when the text splits into exactly two parts at '='.
            let parts = network.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            settings.networks = parts.count == 2 ? [parts[0]: parts[1]] : [network: ""]
        }
        settings.env = try map.strings("env") ?? []
        settings.nodes = try map.strings("nodes") ?? []
        settings.nodeLabels = try map.stringMap("nodelabels", allowPairs: true) ?? [:]
        settings.cpu = try map.double("cpu")
        settings.memory = try size(map, "memory")
        settings.storage = try size(map, "storage")
        if let name = try map.string("deploy_strategy") {
            // eru-cli turns an unknown name into AUTO without a word. A replica set is applied
            // again and again without anyone watching, so a typo ("fil") would quietly spread
            // instances the wrong way forever: refuse it here, where the operator can see it.
            // DUMMY only computes capacity and would never create anything.
            guard let strategy = DeployStrategy.named(name), strategy != .dummy else {
                throw map.error(
                    "deploy_strategy", "unknown strategy \"\(name)\" (use auto, fill, each, global or drained)"
                )
            }
            settings.deployStrategy = strategy
        }
        settings.labels = try map.stringMap("labels") ?? [:]
        settings.user = try map.string("user") ?? "root"
        settings.afterCreate = try map.strings("after_create") ?? []
        return settings
    }

    private static func size(_ map: YAMLMapReader, _ key: String) throws(ConfigError) -> Int64? {
        guard let text = try map.string(key) else { return nil }
        guard let bytes = ByteSize.parse(text) else {
            throw map.error(key, "expected a size such as 512M or 2G, found \"\(text)\"")
        }
        return bytes
    }

    /// File contents, or an error at `from`'s `spec` key (or at the file itself).
    private static func read(_ path: String, from map: YAMLMapReader?) throws(ConfigError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = "cannot read \(path): \(error.localizedDescription)"
            guard let map else { throw ConfigError(file: path, line: 1, column: 1, key: "", message: reason) }
            throw map.error("spec", reason)
        }
    }

    private static func overlaps(_ a: ReplicaSetSpec, _ b: ReplicaSetSpec) -> Bool {
        a.appname == b.appname && a.entrypoint == b.entrypoint
            && (b.matches(appname: a.appname, entrypoint: a.entrypoint, labels: a.labels)
                || a.matches(appname: b.appname, entrypoint: b.entrypoint, labels: b.labels))
    }
}

extension DeployStrategy {
    /// The enum case for an eru-cli strategy name, case-insensitive.
    static func named(_ name: String) -> DeployStrategy? {
        allCases.first { "\($0)" == name.lowercased() }
    }
}
