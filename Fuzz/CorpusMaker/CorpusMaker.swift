import Foundation
import Wire

/// Writes one seed file per Eru message kind, encoded by our own `WireWriter`, into the folder
/// given as the only argument. `Fuzz/make-corpus.sh` compiles this next to
/// `Tests/WireTests/Samples.swift`, so the two big seeds are the test suite's own samples.
@main enum CorpusMaker {
    static func main() throws {
        let folder = URL(fileURLWithPath: CommandLine.arguments[1])
        for (name, bytes) in seeds {
            try Data(bytes).write(to: folder.appendingPathComponent("\(name).bin"))
        }
    }

    /// File name (message type, then what the seed holds) and our encoding of it.
    static var seeds: [(String, [UInt8])] {
        let stream = Samples.streamMessage
        let deploy = Samples.deployOptions
        let entrypoint = deploy.entrypoint ?? EntrypointOptions()
        let status = stream.status ?? WorkloadStatus()
        return [
            ("Empty-nothing", Empty().wireBytes()),
            ("CoreInfo-all-fields", coreInfo.wireBytes()),
            ("ListWorkloadsOptions-labels-and-limit", listOptions.wireBytes()),
            ("WorkloadStatusStreamOptions-labels", streamOptions.wireBytes()),
            ("WorkloadStatus-feed-shaped", status.wireBytes()),
            ("Workload-feed-shaped", (stream.workload ?? Workload()).wireBytes()),
            ("WorkloadStatusStreamMessage-feed-shaped", stream.wireBytes()),
            ("WorkloadStatusStreamMessage-delete", streamDelete.wireBytes()),
            ("WorkloadID-hex", workloadID.wireBytes()),
            ("WorkloadIDs-with-empty", workloadIDs.wireBytes()),
            ("WorkloadsStatus-two", workloadsStatus(status).wireBytes()),
            ("HealthCheckOptions-ports", (entrypoint.healthcheck ?? .init()).wireBytes()),
            ("HookOptions-force", (entrypoint.hook ?? HookOptions()).wireBytes()),
            ("LogOptions-config", logOptions.wireBytes()),
            ("EntrypointOptions-nested", entrypoint.wireBytes()),
            ("NodeFilter-all-fields", nodeFilter.wireBytes()),
            ("DeployOptions-every-field", deploy.wireBytes()),
            ("CreateWorkloadMessage-hook-bytes", createMessage.wireBytes()),
            ("RemoveWorkloadOptions-force", removeOptions.wireBytes()),
            ("RemoveWorkloadMessage-hook", removeMessage.wireBytes()),
        ]
    }

    static var coreInfo: CoreInfo {
        var info = CoreInfo()
        info.version = "v23.10.11"
        info.revision = "ff909eef"
        info.buildAt = "2024-10-16"
        info.golangVersion = "go1.21.5"
        info.osArch = "linux/amd64"
        info.identifier = "5d41402a"
        return info
    }

    static var listOptions: ListWorkloadsOptions {
        var options = ListWorkloadsOptions()
        options.appname = "web"
        options.entrypoint = "api"
        options.labels = ["env": "prod", "tier": ""]
        options.limit = -5
        return options
    }

    static var streamOptions: WorkloadStatusStreamOptions {
        var options = WorkloadStatusStreamOptions()
        options.appname = "web"
        options.nodename = "node-1"
        options.labels = ["team": "ops"]
        return options
    }

    static var streamDelete: WorkloadStatusStreamMessage {
        var message = WorkloadStatusStreamMessage()
        message.id = "gone"
        message.error = "workload ID is empty"
        message.delete = true
        return message
    }

    static var workloadID: WorkloadID {
        var id = WorkloadID()
        id.id = String(repeating: "0123456789abcdef", count: 4)
        return id
    }

    static var workloadIDs: WorkloadIDs {
        var ids = WorkloadIDs()
        ids.ids = ["a", "", "b"]
        return ids
    }

    static func workloadsStatus(_ status: WorkloadStatus) -> WorkloadsStatus {
        var list = WorkloadsStatus()
        list.status = [status, WorkloadStatus()]
        return list
    }

    static var logOptions: LogOptions {
        var log = LogOptions()
        log.type = "json-file"
        log.config = ["max-file": "3", "max-size": "10m"]
        return log
    }

    static var nodeFilter: NodeFilter {
        var filter = NodeFilter()
        filter.includes = ["n1", "n2"]
        filter.excludes = ["n3"]
        filter.labels = ["gpu": "yes"]
        filter.all = true
        return filter
    }

    static var createMessage: CreateWorkloadMessage {
        var message = CreateWorkloadMessage()
        message.podname = "pod"
        message.nodename = "node-1"
        message.id = "abc"
        message.name = "web_api_qwerty"
        message.success = true
        message.publish = ["calico": "10.0.0.7:80"]
        message.hook = [0xFF] + Array("hook".utf8)
        message.resources = "{}"
        return message
    }

    static var removeOptions: RemoveWorkloadOptions {
        var options = RemoveWorkloadOptions()
        options.ids = ["a", "b"]
        options.force = true
        return options
    }

    static var removeMessage: RemoveWorkloadMessage {
        var message = RemoveWorkloadMessage()
        message.id = "a"
        message.success = true
        message.hook = "stopped"
        return message
    }
}
