import Foundation
import Wire

/// Writes one seed file per Eru message kind, encoded by our own `WireWriter`, into the folder
/// given as the only argument. `Fuzz/make-corpus.sh` compiles this next to
/// `Tests/WireTests/Samples.swift` and `ConformanceValues.swift`, so most seeds are the test
/// suite's own values.
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
            ("CoreInfo-all-fields", ConformanceValues.coreInfo.wireBytes()),
            ("ListWorkloadsOptions-labels-and-limit", ConformanceValues.listOptions.wireBytes()),
            ("WorkloadStatusStreamOptions-labels", ConformanceValues.streamOptions.wireBytes()),
            ("WorkloadStatus-feed-shaped", status.wireBytes()),
            ("Workload-feed-shaped", (stream.workload ?? Workload()).wireBytes()),
            ("WorkloadStatusStreamMessage-feed-shaped", stream.wireBytes()),
            ("WorkloadStatusStreamMessage-delete", ConformanceValues.streamError.wireBytes()),
            ("WorkloadID-hex", workloadID.wireBytes()),
            ("WorkloadIDs-with-empty", ConformanceValues.workloadIDs.wireBytes()),
            ("WorkloadsStatus-two", workloadsStatus(status).wireBytes()),
            ("HealthCheckOptions-ports", (entrypoint.healthcheck ?? .init()).wireBytes()),
            ("HookOptions-force", (entrypoint.hook ?? HookOptions()).wireBytes()),
            ("LogOptions-config", logOptions.wireBytes()),
            ("EntrypointOptions-nested", entrypoint.wireBytes()),
            ("NodeFilter-all-fields", nodeFilter.wireBytes()),
            ("DeployOptions-every-field", deploy.wireBytes()),
            ("CreateWorkloadMessage-hook-bytes", ConformanceValues.createMessage.wireBytes()),
            ("RemoveWorkloadOptions-force", ConformanceValues.removeOptions.wireBytes()),
            ("RemoveWorkloadMessage-hook", ConformanceValues.removeMessage.wireBytes()),
        ]
    }





    static var workloadID: WorkloadID {
        var id = WorkloadID()
        id.id = String(repeating: "0123456789abcdef", count: 4)
        return id
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



}
