import Foundation
import Wire

/// Builds the `DeployOptions` eru-cli would send for a set's spec and flags (eru-api.md §8).
extension ReplicaSetSpec {
    /// eru-cli's `--memory-limit` default.
    static let defaultMemoryLimit: Int64 = 512 * 1024 * 1024

    /// The request that creates `count` more instances of this set.
    public func deployOptions(count: Int) -> DeployOptions {
        var options = DeployOptions()
        options.name = app.appname
        options.entrypoint = entrypointOptions()
        options.podname = podname
        options.image = image
        options.count = Int32(clamping: count)
        options.env = settings.env
        options.dns = app.dns
        options.extraHosts = app.extraHosts
        options.networks = settings.networks
        options.user = settings.user
        // The set's labels win over the spec's, so every new instance matches the set's filter.
        options.labels = app.labels.merging(settings.labels) { _, setLabel in setLabel }
        options.deployStrategy = settings.deployStrategy.rawValue
        options.afterCreate = settings.afterCreate

        // eru-cli always sends node_filter and never the legacy nodenames/nodelabels.
        var filter = NodeFilter()
        filter.includes = settings.nodes
        filter.labels = settings.nodeLabels
        options.nodeFilter = filter

        options.resources = ["cpumem": encode(cpumem()), "storage": encode(storage())]
        return options
    }

    /// The spec's entrypoint; `cmd` is split on single spaces (no quoting) only when
    /// `commands` is empty, and the legacy `command` field stays unset, as in eru-cli.
    func entrypointOptions() -> EntrypointOptions {
        let spec = app.entrypoints[entrypoint] ?? EntrypointSpec()
        var options = EntrypointOptions()
        options.name = entrypoint
        options.commands = spec.commands.isEmpty && !spec.cmd.isEmpty
            ? spec.cmd.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            : spec.commands
        options.privileged = spec.privileged
        options.dir = spec.dir
        options.restart = spec.restart
        options.sysctls = spec.sysctls
        options.publish = spec.publish
        options.healthcheck = spec.healthcheck
        options.hook = spec.hook
        options.log = spec.log
        return options
    }

    private func cpumem() -> CPUMemParams {
        CPUMemParams(
            cpuRequest: settings.cpu ?? 0, cpuLimit: settings.cpu ?? 1,
            memoryRequest: settings.memory ?? 0, memoryLimit: settings.memory ?? Self.defaultMemoryLimit
        )
    }

    // Zero sizes and empty volume lists are left out, so the storage plugin applies its defaults.
    private func storage() -> StorageParams {
        StorageParams(
            storageRequest: settings.storage, storageLimit: settings.storage,
            volumesRequest: app.volumesRequest.isEmpty ? nil : app.volumesRequest,
            volumesLimit: app.volumes.isEmpty ? nil : app.volumes
        )
    }

    private func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain numbers and strings cannot fail.
        return Array((try? encoder.encode(value)) ?? Data())
    }
}

/// `resources["cpumem"]`: cores as numbers, memory in bytes.
private struct CPUMemParams: Encodable {
    var cpuRequest: Double
    var cpuLimit: Double
    var memoryRequest: Int64
    var memoryLimit: Int64

    enum CodingKeys: String, CodingKey {
        case cpuRequest = "cpu-request", cpuLimit = "cpu-limit"
        case memoryRequest = "memory-request", memoryLimit = "memory-limit"
    }
}

/// `resources["storage"]`: sizes in bytes and volume specs; nil fields are not sent.
private struct StorageParams: Encodable {
    var storageRequest: Int64?
    var storageLimit: Int64?
    var volumesRequest: [String]?
    var volumesLimit: [String]?

    enum CodingKeys: String, CodingKey {
        case storageRequest = "storage-request", storageLimit = "storage-limit"
        case volumesRequest = "volumes-request", volumesLimit = "volumes-limit"
    }
}
