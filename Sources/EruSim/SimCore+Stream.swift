import Wire

/// What an open WorkloadStatusStream receives.
public enum StatusStreamEvent: Sendable, Equatable {
    /// One stream message.
    case message(WorkloadStatusStreamMessage)
    /// One stream message, already encoded (load mode).
    case encoded([UInt8])
    /// The stream ends: with status OK when nil, else with that error.
    case end(SimError?)
}

/// An open WorkloadStatusStream. Cancel the consuming task (or call `SimCore.unsubscribe`)
/// to close it.
public struct StatusSubscription: Sendable {
    public let id: Int
    public let events: AsyncStream<StatusStreamEvent>
    /// Count each message written to the client here (`stats`, load backlog).
    public let counter: StreamCounter
}

/// One open stream's filter and sink.
struct Subscriber {
    /// Status-key prefix built with the filter hierarchy (§4.2).
    let prefix: String
    let labels: [String: String]
    let continuation: AsyncStream<StatusStreamEvent>.Continuation
    let counter: StreamCounter
}

extension SimCore {
    /// `/pb.CoreRPC/WorkloadStatusStream`: no initial snapshot; later status changes only.
    public func subscribe(_ options: WorkloadStatusStreamOptions) throws(SimError) -> StatusSubscription {
        try consumeFailure(.workloadStatusStream)
        let id = nextSubscriberID
        nextSubscriberID += 1
        let (events, continuation) = AsyncStream.makeStream(of: StatusStreamEvent.self)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        let prefix = keyPrefix(
            "status", appname: options.appname, entrypoint: options.entrypoint, nodename: options.nodename)
        let counter = StreamCounter()
        subscribers[id] = Subscriber(prefix: prefix, labels: options.labels, continuation: continuation, counter: counter)
        streamCounters[id] = counter
        if let request = loadOnFirstStream {
            loadOnFirstStream = nil
            startLoad(request)
        }
        return StatusSubscription(id: id, events: events, counter: counter)
    }

    /// Forgets a stream; a no-op when it is already gone.
    public func unsubscribe(_ id: Int) {
        subscribers.removeValue(forKey: id)?.continuation.finish()
    }

    /// Number of open status streams.
    public var openStreamCount: Int { subscribers.count }

    /// Ends every open stream, with status OK (nil) or the given error.
    func endStreams(_ error: SimError?) {
        let ending = subscribers.values
        subscribers.removeAll()
        for subscriber in ending {
            subscriber.continuation.yield(.end(error))
            subscriber.continuation.finish()
        }
    }

    /// Stores a status report (`nil` deletes the status key, like a TTL expiry) and notifies
    /// the streams. An identical report changes nothing and sends nothing (§4.6).
    func setStatus(_ id: String, to status: WorkloadStatus?) {
        guard let workload = workloads[id], workload.status != status else { return }
        workloads.update(id) { $0.status = status }
        publishChange(id: id, statusKey: workload.statusKey, delete: status == nil)
    }

    /// Sends the message for one status-key event, re-reading the current state (§4.5):
    /// a failed lookup goes to every stream under the key prefix whatever its labels,
    /// a found workload only to streams whose labels match.
    func publishChange(id: String, statusKey: String, delete: Bool) {
        var message = WorkloadStatusStreamMessage()
        message.id = id
        message.delete = delete
        let labels: [String: String]?
        if let workload = workloads[id] {
            message.workload = workload.bound()
            message.status = workload.status ?? WorkloadStatus()
            labels = workload.labels
        } else {
            message.error = EruText.missingWorkload(id)
            labels = nil
        }
        broadcast(message, statusKey: statusKey, labels: labels)
    }

    /// Sends an error message as if the lookup for `id` had failed with `text`.
    func publishError(id: String, statusKey: String, text: String, delete: Bool) {
        var message = WorkloadStatusStreamMessage()
        message.id = id
        message.error = text
        message.delete = delete
        broadcast(message, statusKey: statusKey, labels: nil)
    }

    /// Delivers `message` to the streams whose prefix covers `statusKey` and, when `labels`
    /// is given, whose label filter matches.
    private func broadcast(_ message: WorkloadStatusStreamMessage, statusKey: String, labels: [String: String]?) {
        for subscriber in subscribers.values where statusKey.hasPrefix(subscriber.prefix) {
            if let labels, !labelsMatch(subscriber.labels, labels) { continue }
            subscriber.counter.queued.add(1, ordering: .relaxed)
            subscriber.continuation.yield(.message(message))
        }
    }
}
