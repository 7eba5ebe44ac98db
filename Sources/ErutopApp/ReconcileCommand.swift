import Dashboard
import Dispatch
import Foundation
import Reconcile
import Synchronization

/// `erutop reconcile`: the same feed and planner as the dashboard's `r` key, with no screen.
/// It prints one JSON line per decision and per action result on stdout.
enum ReconcileCommand {
    /// How long `--once` waits for every set's first listing.
    static let freshnessTimeout = Duration.seconds(30)
    /// Re-planning also happens on this tick, so grace periods and backoffs that run out are
    /// noticed without a stream event.
    static let tick = Duration.seconds(5)

    static func run(options: Options, client: CoreClient, log: EventLog) async -> Int32 {
        let sets: [ReplicaSetSpec]
        do {
            sets = try ReplicasFile.load(path: options.replicasPath ?? "")
        } catch {
            printError("\(error)")
            return 2
        }
        let output = JSONLineWriter()
        let executor = Executor(
            operations: client,
            onEvent: { event in
                output.write(event)
                log.write(.info, "reconcile", ["event": JSONLineWriter.line(for: event)])
            })
        let (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let tracker = SetTracker(sets: sets, client: client, log: log) { wake.yield() }
        let stop = StopSignal { wake.yield() }
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: tick)
                wake.yield()
            }
        }
        tracker.start()
        defer {
            ticker.cancel()
            tracker.cancel()
            stop.restore()
        }

        if options.once {
            return await once(tracker: tracker, executor: executor, dryRun: options.dryRun, output: output, wakes: wakes)
        }
        var lastDecision: Plan?
        for await _ in wakes {
            if stop.requested { break }
            tracker.drain()
            let freshness = tracker.freshness
            if freshness.refusal != nil { continue }
            let rows = tracker.rows
            await executor.observe(sets: sets, rows: rows)
            let plan = await executor.plan(sets: sets, rows: rows, freshness: freshness)
            if plan.hasNoActions {
                lastDecision = nil
                continue
            }
            if options.dryRun {
                if plan != lastDecision { output.writeDecision(plan, dryRun: true) }
                lastDecision = plan
                continue
            }
            // The plan was just made from the executor's own state, and this loop is its only
            // caller. Actions in flight finish before a stop request is looked at again.
            _ = await executor.execute(plan, sets: sets)
        }
        log.write(.info, "reconcile controller stopped")
        return 0
    }

    /// One pass as soon as every set is fresh; exit 1 when that never happens or an action fails.
    private static func once(
        tracker: SetTracker, executor: Executor, dryRun: Bool, output: JSONLineWriter, wakes: AsyncStream<Void>
    ) async -> Int32 {
        let deadline = ContinuousClock.now + freshnessTimeout
        for await _ in wakes {
            tracker.drain()
            if tracker.freshness.refusal == nil { break }
            if ContinuousClock.now >= deadline { break }
        }
        let freshness = tracker.freshness
        if let refusal = freshness.refusal {
            printError("reconcile refused: \(refusal)")
            return 1
        }
        let sets = tracker.sets
        let rows = tracker.rows
        if dryRun {
            await executor.observe(sets: sets, rows: rows)
            output.writeDecision(await executor.plan(sets: sets, rows: rows, freshness: freshness), dryRun: true)
            return 0
        }
        let results = await executor.reconcile(sets: sets, rows: rows, freshness: freshness)
        return results.contains { $0.error != nil } ? 1 : 0
    }
}

/// Writes one JSON object per line on stdout, flushed at once.
final class JSONLineWriter: Sendable {
    private let lock = Mutex(())

    func write(_ event: ReconcileEvent) {
        emit(Self.line(for: event))
    }

    func writeDecision(_ plan: Plan, dryRun: Bool) {
        emit(Self.encode(["type": .string("decision"), "dry_run": .bool(dryRun)], plan, key: "plan"))
    }

    private func emit(_ line: String) {
        lock.withLock { _ in
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }

    /// `{"type": …, …}` for an executor event.
    static func line(for event: ReconcileEvent) -> String {
        switch event {
        case .planned(let plan, _):
            encode(["type": .string("decision"), "dry_run": .bool(false)], plan, key: "plan")
        case .batchStarted(let set, let kind, let size, let at):
            encode(["type": .string("batch"), "set": .string(set), "kind": .string(kind.rawValue), "size": .int(size), "at": .string(at.formatted(.iso8601))])
        case .batchFinished(let result):
            encode(["type": .string("result")], result, key: "result")
        case .backingOff(let set, let backoff, let dropped, let at):
            encode(["type": .string("backoff"), "set": .string(set), "dropped_actions": .int(dropped), "at": .string(at.formatted(.iso8601))], backoff, key: "backoff")
        }
    }

    /// Scalar fields of a line.
    enum Field: Encodable {
        case string(String), bool(Bool), int(Int)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let value): try container.encode(value)
            case .bool(let value): try container.encode(value)
            case .int(let value): try container.encode(value)
            }
        }
    }

    private struct Line<Payload: Encodable>: Encodable {
        var fields: [String: Field]
        var payload: Payload?
        var key: String

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (name, value) in fields { try container.encode(value, forKey: Key(stringValue: name)) }
            if let payload { try container.encode(payload, forKey: Key(stringValue: key)) }
        }
    }

    private static func encode(_ fields: [String: Field]) -> String {
        encode(fields, Optional<Int>.none, key: "")
    }

    private static func encode<Payload: Encodable>(_ fields: [String: Field], _ payload: Payload?, key: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(Line(fields: fields, payload: payload, key: key)) else {
            return #"{"type":"error","message":"cannot encode"}"#
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// SIGTERM and SIGINT as a flag (plus a wake-up), so the controller stops between passes.
final class StopSignal {
    /// Shared with the signal handlers.
    private final class Flag: Sendable {
        let raised = Atomic(false)
    }

    private let flag = Flag()
    private let sources: [any DispatchSourceSignal]

    init(onStop: @escaping @Sendable () -> Void) {
        let flag = self.flag
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler {
                flag.raised.store(true, ordering: .relaxed)
                onStop()
            }
            source.resume()
            return source
        }
    }

    var requested: Bool { flag.raised.load(ordering: .relaxed) }

    /// Gives the signals back their default action.
    func restore() {
        for source in sources { source.cancel() }
        signal(SIGTERM, SIG_DFL)
        signal(SIGINT, SIG_DFL)
    }
}
