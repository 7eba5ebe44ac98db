import Foundation
import Reconcile
import Synchronization
import Wire

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let current = Mutex(now)

    var date: Date { current.withLock { $0 } }

    func advance(_ seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// Collects executor events.
final class EventLog: Sendable {
    private let storage = Mutex<[ReconcileEvent]>([])

    var events: [ReconcileEvent] { storage.withLock { $0 } }

    func append(_ event: ReconcileEvent) {
        storage.withLock { $0.append(event) }
    }
}

/// What a scripted CreateWorkload call does.
enum CreateOutcome: Sendable {
    case succeed
    case rpcError(String)
    /// The stream ends OK with one plan-time error message.
    case streamError(String)
}

/// A core that knows a set of IDs and answers the three calls the executor makes.
actor FakeEru: EruOperations {
    private(set) var known: Set<String>
    private(set) var createCalls: [Int] = []
    private(set) var removeCalls: [[String]] = []
    private(set) var statusCalls: [[String]] = []
    /// Outcomes of the next create calls; `.succeed` once it runs out.
    var script: [CreateOutcome] = []
    /// When set, create calls wait until `release()`.
    var holdCreates = false
    /// When set, every remove call fails with this text.
    var removeFailure: String?
    private var held: [CheckedContinuation<Void, Never>] = []
    private var nextID = 0

    init(known: Set<String> = []) {
        self.known = known
    }

    func setScript(_ outcomes: [CreateOutcome]) { script = outcomes }
    func hold() { holdCreates = true }
    func failRemoves(_ text: String) { removeFailure = text }
    var waiting: Int { held.count }

    func release() {
        holdCreates = false
        held.forEach { $0.resume() }
        held = []
    }

    func create(_ options: DeployOptions) async throws -> [CreateWorkloadMessage] {
        createCalls.append(Int(options.count))
        if holdCreates { await withCheckedContinuation { held.append($0) } }
        let outcome = script.isEmpty ? .succeed : script.removeFirst()
        switch outcome {
        case .rpcError(let text):
            throw FakeError(text: text)
        case .streamError(let text):
            var message = CreateWorkloadMessage()
            message.error = text
            return [message]
        case .succeed:
            return (0..<Int(options.count)).map { _ in
                nextID += 1
                var message = CreateWorkloadMessage()
                message.id = "new\(nextID)"
                message.nodename = "n1"
                message.success = true
                known.insert(message.id)
                return message
            }
        }
    }

    func remove(ids: [String]) async throws -> [RemoveWorkloadMessage] {
        removeCalls.append(ids)
        if let removeFailure { throw FakeError(text: removeFailure) }
        if let unknown = ids.first(where: { !known.contains($0) }) {
            throw FakeError(text: "key: /workloads/\(unknown): bad `Count` value, entity count invalid")
        }
        return ids.map { id in
            known.remove(id)
            var message = RemoveWorkloadMessage()
            message.id = id
            message.success = true
            return message
        }
    }

    func statuses(ids: [String]) async throws -> [WorkloadStatus] {
        statusCalls.append(ids)
        if let unknown = ids.first(where: { !known.contains($0) }) {
            throw FakeError(text: "key: /workloads/\(unknown): bad `Count` value, entity count invalid")
        }
        return ids.map { _ in WorkloadStatus() }
    }
}

struct FakeError: Error, CustomStringConvertible {
    var text: String
    var description: String { text }
}
