import Wire

/// A status stream with the mix of message kinds a real one has (eru-api.md §4.5), encoded
/// once up front so the timed loop only decodes and applies.
///
/// Per 100 messages: 78 health or IP changes of running workloads, 8 stops or revivals,
/// 6 first reports of new workloads, 6 removals (error text, `delete`), 1 TTL expiry
/// (all-empty status, `delete`) and 1 error for an ID no table holds.
struct StatusMix {
    /// The workloads listed before the stream starts.
    let listing: [Workload]
    /// The encoded stream messages, in order.
    let messages: [[UInt8]]

    init(rows: Int, messages count: Int, seed: UInt64 = 7) {
        var sample = SampleWorkloads(seed: seed)
        var live = (0..<rows).map { _ in sample.workload() }
        listing = live
        var encoded: [[UInt8]] = []
        encoded.reserveCapacity(count)
        for _ in 0..<count {
            var message = WorkloadStatusStreamMessage()
            let roll = sample.below(100)
            let pick = sample.below(live.count)
            switch roll {
            case 0..<86:
                // Health flip, IP change, stop or revival of a listed workload.
                var workload = live[pick]
                let was = workload.status ?? WorkloadStatus()
                let toggleRunning = roll >= 78
                let running = toggleRunning ? !was.running : true
                workload.status = sample.status(for: workload, running: running, healthy: !was.healthy)
                live[pick] = workload
                message.id = workload.id
                message.workload = workload
                message.status = workload.status
            case 86..<92:
                var workload = sample.workload()
                workload.status = sample.status(for: workload, running: true, healthy: false)
                live.append(workload)
                message.id = workload.id
                message.workload = workload
                message.status = workload.status
            case 92..<98:
                let gone = live.remove(at: pick)
                message.id = gone.id
                message.delete = true
                message.error = "key: /workloads/\(gone.id): bad `Count` value, entity count invalid"
            case 98:
                var workload = live[pick]
                workload.status = WorkloadStatus()
                live[pick] = workload
                message.id = workload.id
                message.workload = workload
                message.status = WorkloadStatus()
                message.delete = true
            default:
                message.id = sample.hexID()
                message.error = "key: /workloads/\(message.id): bad `Count` value, entity count invalid"
            }
            encoded.append(message.wireBytes())
        }
        messages = encoded
    }

    /// Mean encoded size of a message.
    var meanBytes: Double {
        Double(messages.reduce(0) { $0 + $1.count }) / Double(max(messages.count, 1))
    }
}
