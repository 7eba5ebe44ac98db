import SeededRandom
import Dashboard
import Foundation
import Reconcile
import Synchronization
import Testing
import Wire

/// The shared seeded generator, under the name these tests use.
typealias SeededGenerator = SplitMix64

/// The cluster the property test drives: real instances, the dashboard's (possibly lagging)
/// view of them, and a core that applies creates and removes to them.
final class World: EruOperations, Sendable {
    struct Instance: Sendable {
        var node: String
        var created: Int64
        var running: Bool
        var healthy: Bool
    }

    struct State: Sendable {
        var instances: [String: Instance] = [:]
        /// IDs the dashboard has seen (creations reach it late).
        var visible: Set<String> = []
        var nextID = 0
        /// Outcomes for the next creates; random ones when empty.
        var createFailures: [Bool] = []
        var freshAtCall = true
        var violations: [String] = []
        var createCalls = 0
        var removeCalls = 0
    }

    let state = Mutex(State())
    let clock: TestClock
    let replicas: Int
    let grace: Double

    init(clock: TestClock, replicas: Int, grace: Double) {
        self.clock = clock
        self.replicas = replicas
        self.grace = grace
    }

    /// Alive instances in the cluster, seen or not.
    func trueAlive(_ s: State) -> Int {
        let now = clock.date.timeIntervalSince1970
        return s.instances.values.filter { ($0.running && $0.healthy) || now - Double($0.created) < grace }.count
    }

    func rows() -> [WorkloadRow] {
        state.withLock { s in
            s.instances.filter { s.visible.contains($0.key) }.map { id, instance in
                var status = WorkloadStatus()
                status.id = id
                status.running = instance.running
                status.healthy = instance.healthy
                return WorkloadRow(id: id, name: "web_api_\(id)", nodename: instance.node, createTime: instance.created,
                                   status: status)
            }
        }
    }

    func create(_ options: DeployOptions) async throws -> [CreateWorkloadMessage] {
        try state.withLock { s in
            s.createCalls += 1
            if !s.freshAtCall { s.violations.append("create on a stale state") }
            let count = Int(options.count)
            if trueAlive(s) + count > replicas {
                s.violations.append("created \(count) with \(trueAlive(s)) alive of \(replicas)")
            }
            if s.createFailures.popLast() ?? false { throw FakeError(text: "not enough resource") }
            return (0..<count).map { index in
                s.nextID += 1
                let id = "i\(s.nextID)"
                s.instances[id] = Instance(
                    node: "n\((s.nextID + index) % 3)", created: Int64(clock.date.timeIntervalSince1970),
                    running: true, healthy: false
                )
                var message = CreateWorkloadMessage()
                message.id = id
                message.success = true
                return message
            }
        }
    }

    func remove(ids: [String]) async throws -> [RemoveWorkloadMessage] {
        state.withLock { s in
            s.removeCalls += 1
            if !s.freshAtCall { s.violations.append("remove on a stale state") }
            let visibleAlive = rowsAlive(s)
            if visibleAlive - ids.count < replicas {
                s.violations.append("removed \(ids.count) with \(visibleAlive) alive of \(replicas)")
            }
            return ids.map { id in
                s.instances[id] = nil
                s.visible.remove(id)
                var message = RemoveWorkloadMessage()
                message.id = id
                message.success = true
                return message
            }
        }
    }

    func statuses(ids: [String]) async throws -> [WorkloadStatus] {
        try state.withLock { s in
            guard ids.allSatisfy({ s.instances[$0] != nil }) else { throw FakeError(text: "unknown id") }
            return ids.map { _ in WorkloadStatus() }
        }
    }

    private func rowsAlive(_ s: State) -> Int {
        let now = clock.date.timeIntervalSince1970
        return s.instances.filter { id, i in
            s.visible.contains(id) && ((i.running && i.healthy) || now - Double(i.created) < grace)
        }.count
    }
}

@Suite struct ReconcilePropertyTests {
    enum Event {
        case kill, revive, becomeHealthy, reveal, press, reconnect, relist, tick
    }

    /// Presses and revivals (which make surplus) come often, reconnects rarely.
    static let mix: [Event] = [
        .kill, .kill, .revive, .revive, .revive, .becomeHealthy, .reveal, .reveal, .press, .press, .press,
        .reconnect, .relist, .relist, .tick, .tick,
    ]

    @Test(arguments: [UInt64(1), 7, 42, 2024, 99_991])
    func randomHistoriesNeverOvershootRemoveBelowTargetOrActOnStaleState(seed: UInt64) async {
        var random = SeededGenerator(seed: seed)
        let clock = TestClock()
        let set = replicaSet(5, grace: 60)
        let world = World(clock: clock, replicas: set.replicas, grace: set.startupGrace)
        let executor = Executor(operations: world, clock: { clock.date })
        var freshness = fresh

        for _ in 0..<600 {
            let event = Self.mix.randomElement(using: &random)!
            world.state.withLock { s in
                let ids = s.instances.keys.sorted()
                switch event {
                case .kill:
                    if let id = ids.filter({ s.instances[$0]?.running == true }).randomElement(using: &random) {
                        s.instances[id]?.running = false
                    }
                case .revive:
                    if let id = ids.filter({ s.instances[$0]?.running == false }).randomElement(using: &random) {
                        s.instances[id]?.running = true
                        s.instances[id]?.healthy = true
                    }
                case .becomeHealthy:
                    if let id = ids.randomElement(using: &random), s.instances[id]?.running == true {
                        s.instances[id]?.healthy = true
                    }
                case .reveal:
                    s.visible.formUnion(ids.filter { _ in Bool.random(using: &random) })
                case .relist:
                    if !freshness.connected { break }
                    s.visible = Set(ids)
                case .press, .reconnect, .tick:
                    break
                }
                s.createFailures = (0..<8).map { _ in Int.random(in: 0..<4, using: &random) == 0 }
                s.freshAtCall = freshness.refusal == nil
            }
            switch event {
            case .reconnect:
                freshness = Freshness(connected: Bool.random(using: &random), relistedSinceReconnect: false)
            case .relist where freshness.connected:
                freshness.relistedSinceReconnect = true
            case .tick:
                clock.advance(Double(Int.random(in: 1...40, using: &random)))
            case .press:
                world.state.withLock { $0.freshAtCall = freshness.refusal == nil }
                _ = await executor.reconcile(sets: [set], rows: world.rows(), freshness: freshness)
                _ = await executor.reconcile(sets: [set], rows: world.rows(), freshness: freshness)
            default:
                break
            }
        }

        let final = world.state.withLock { $0 }
        #expect(final.violations == [])
        #expect(
            final.createCalls > 10 && final.removeCalls > 1,
            "the history must exercise both actions: \(final.createCalls) creates, \(final.removeCalls) removes"
        )
    }
}
