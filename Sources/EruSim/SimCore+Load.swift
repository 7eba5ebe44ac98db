import Synchronization
import Wire

/// Messages queued for and written to one status stream. The core counts `queued`, the gRPC
/// binding counts `sent`; their difference is the stream's backlog.
public final class StreamCounter: Sendable {
    let queued = Atomic<Int>(0)
    let sent = Atomic<Int>(0)

    /// Counts one message written to the client.
    public func countSent() {
        sent.add(1, ordering: .relaxed)
    }

    var backlog: Int { queued.load(ordering: .relaxed) - sent.load(ordering: .relaxed) }
}

/// What `load RATE SECONDS [stamp]` or `erusim --load` asks for.
public struct LoadRequest: Sendable, Equatable {
    /// Status changes per second.
    public var rate: Double
    public var duration: Duration
    /// Put the send time (CLOCK_MONOTONIC ns) into each change's `extension` as `"t"`.
    public var stamp: Bool

    public init(rate: Double, duration: Duration, stamp: Bool) {
        self.rate = rate
        self.duration = duration
        self.stamp = stamp
    }
}

/// One pre-encoded stream message whose health and stamp bytes are patched in place.
struct LoadTemplate {
    var bytes: [UInt8]
    /// The `healthy` value bytes (in `workload.status` and `status`); always encoded, as 0 or 1.
    let healthOffsets: [Int]
    /// Where the 20 stamp digits start.
    let stampOffsets: [Int]
}

/// One workload a load changes.
struct LoadTarget {
    let id: String
    let statusKey: String
    let labels: [String: String]
    var healthy: Bool
    /// Built on first use.
    var template: LoadTemplate?
}

/// A running or finished load.
struct LoadRun {
    let request: LoadRequest
    /// Virtual time of the start.
    let startedAt: Duration
    let startNanos: UInt64
    var endNanos: UInt64?
    var generated = 0
    /// Changes that found their workload gone or stopped and sent nothing.
    var skipped = 0
    /// Seeded shuffle of the running workloads at the start; changes go round-robin.
    var targets: [LoadTarget]
    var cursor = 0
}

extension SimCore {
    /// The most messages a stream may have queued before the load waits for it.
    static let maxLoadBacklog = 8_192
    /// `"t":"` plus 20 digits, zero-padded.
    static let stampDigits = 20
    static let stampPrefix = Array("{\"t\":\"".utf8)

    /// Starts `request` now over the running workloads, replacing any earlier load.
    /// Returns the control reply `load rate=K duration=S targets=N stamp=on|off`.
    @discardableResult
    public func startLoad(_ request: LoadRequest) -> String {
        var targets = workloads.order.compactMap { entry -> LoadTarget? in
            guard let workload = workloads[entry.id], workload.status?.running == true else { return nil }
            return LoadTarget(
                id: workload.id, statusKey: workload.statusKey, labels: workload.labels,
                healthy: workload.status?.healthy ?? false)
        }
        targets.shuffle(using: &rng)
        load = LoadRun(request: request, startedAt: now, startNanos: monotonicNanoseconds(), targets: targets)
        return "load rate=\(Self.format(request.rate)) duration=\(Self.format(request.duration)) "
            + "targets=\(targets.count) stamp=\(request.stamp ? "on" : "off")"
    }

    /// Starts `request` when the next status stream opens (`erusim --load`).
    public func startLoadWithFirstStream(_ request: LoadRequest) {
        loadOnFirstStream = request
    }

    /// `load RATE SECONDS [stamp]` or `load stop`.
    func loadCommand(_ args: [String]) throws(ControlError) -> String {
        if args == ["stop"] {
            stopLoad()
            return "ok"
        }
        guard (2...3).contains(args.count), let rate = Double(args[0]), rate > 0, let seconds = Double(args[1]),
            seconds > 0, args.count == 2 || args[2] == "stamp"
        else { throw ControlError(message: "usage: load RATE SECONDS [stamp] | load stop") }
        return startLoad(LoadRequest(rate: rate, duration: .milliseconds(Int64(seconds * 1000)), stamp: args.count == 3))
    }

    /// Ends a running load now.
    func stopLoad() {
        if load?.endNanos == nil { load?.endNanos = monotonicNanoseconds() }
    }

    /// True while a load is generating, so the server's clock ticks finely.
    var loadIsRunning: Bool { load.map { $0.endNanos == nil } ?? false }

    /// Makes the changes that fell due by the current virtual time, as far as every stream's
    /// backlog allows, and ends the load once its duration passed.
    func stepLoad() {
        guard var run = load, run.endNanos == nil else { return }
        load = nil
        defer { load = run }
        let elapsed = min(now - run.startedAt, run.request.duration)
        let due = Int(run.request.rate * Self.seconds(elapsed)) - run.generated - run.skipped
        let backlog = subscribers.values.map(\.counter.backlog).max() ?? 0
        for _ in 0..<max(0, min(due, Self.maxLoadBacklog - backlog)) where !run.targets.isEmpty {
            emitChange(&run)
        }
        if now - run.startedAt >= run.request.duration { run.endNanos = monotonicNanoseconds() }
    }

    /// Flips the next target's health, stores it and sends the patched template.
    private func emitChange(_ run: inout LoadRun) {
        let index = run.cursor
        run.cursor = (run.cursor + 1) % run.targets.count
        let id = run.targets[index].id
        let healthy = !run.targets[index].healthy
        // One in-place look-up that checks and flips, without copying the record out.
        let flipped = workloads.update(id) { workload -> Bool in
            guard workload.status?.running == true else { return false }
            workload.status?.healthy = healthy
            return true
        }
        guard flipped == true else {
            run.skipped += 1
            return
        }
        run.generated += 1
        run.targets[index].healthy = healthy
        if run.targets[index].template == nil {
            run.targets[index].template = loadTemplate(id, stamp: run.request.stamp)
        }
        run.targets[index].template?.patch(healthy: healthy, stamp: run.request.stamp ? monotonicNanoseconds() : nil)
        let target = run.targets[index]
        guard let bytes = target.template?.bytes else { return }
        for subscriber in subscribers.values where target.statusKey.hasPrefix(subscriber.prefix) {
            guard labelsMatch(subscriber.labels, target.labels) else { continue }
            subscriber.counter.queued.add(1, ordering: .relaxed)
            subscriber.continuation.yield(.encoded(bytes))
        }
    }

    /// Encodes the change message of workload `id` once and finds the bytes to patch.
    func loadTemplate(_ id: String, stamp: Bool) -> LoadTemplate? {
        guard var workload = workloads[id] else { return nil }
        var status = workload.runningStatus(healthy: true)
        if stamp {
            var rest = workload.userLabels
            rest["t"] = nil
            let labels = jsonObject(rest).utf8.dropFirst()
            status.extension = Self.stampPrefix + Array(repeating: UInt8(ascii: "0"), count: Self.stampDigits)
                + Array("\"".utf8) + (rest.isEmpty ? [] : Array(",".utf8)) + labels
        }
        workload.status = status
        var message = WorkloadStatusStreamMessage()
        message.id = id
        message.workload = workload.bound()
        message.status = status
        let bytes = message.wireBytes()
        var probe = WorkloadStatus()
        probe.id = id
        probe.running = true
        probe.healthy = true
        let health = probe.wireBytes()
        let placeholder = Self.stampPrefix + Array(repeating: UInt8(ascii: "0"), count: Self.stampDigits)
        return LoadTemplate(
            bytes: bytes, healthOffsets: offsets(of: health, in: bytes).map { $0 + health.count - 1 },
            stampOffsets: stamp ? offsets(of: placeholder, in: bytes).map { $0 + Self.stampPrefix.count } : [])
    }

    /// `stats`: the load, then one line per status stream ever opened, then the total:
    /// `load STATE rate=K duration=S targets=N stamp=on|off generated=G skipped=S start_ns=A end_ns=B`
    /// (STATE: none, waiting, running or done; `end_ns=0` while running),
    /// `stream ID open=0|1 sent=S queued=Q`, `total sent=T`.
    func stats() -> String {
        var lines: [String] = []
        if let run = load {
            let request = run.request
            lines.append(
                "load \(run.endNanos == nil ? "running" : "done") rate=\(Self.format(request.rate)) "
                    + "duration=\(Self.format(request.duration)) targets=\(run.targets.count) "
                    + "stamp=\(request.stamp ? "on" : "off") generated=\(run.generated) skipped=\(run.skipped) "
                    + "start_ns=\(run.startNanos) end_ns=\(run.endNanos ?? 0)")
        } else {
            lines.append("load \(loadOnFirstStream == nil ? "none" : "waiting")")
        }
        var total = 0
        for (id, counter) in streamCounters.sorted(by: { $0.key < $1.key }) {
            let sent = counter.sent.load(ordering: .relaxed)
            total += sent
            lines.append(
                "stream \(id) open=\(subscribers[id] == nil ? 0 : 1) sent=\(sent) "
                    + "queued=\(counter.queued.load(ordering: .relaxed))")
        }
        lines.append("total sent=\(total)")
        return lines.joined(separator: "\n")
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// A number without a needless `.0`.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    static func format(_ duration: Duration) -> String {
        format(seconds(duration))
    }
}

extension LoadTemplate {
    /// Writes the health byte and, when given, the stamp digits.
    mutating func patch(healthy: Bool, stamp: UInt64?) {
        for offset in healthOffsets { bytes[offset] = healthy ? 1 : 0 }
        guard var value = stamp else { return }
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: SimCore.stampDigits)
        for position in digits.indices.reversed() where value > 0 {
            digits[position] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
        for offset in stampOffsets { bytes.replaceSubrange(offset..<offset + digits.count, with: digits) }
    }
}

/// Start offsets of every occurrence of `pattern` in `bytes`.
func offsets(of pattern: [UInt8], in bytes: [UInt8]) -> [Int] {
    guard !pattern.isEmpty, bytes.count >= pattern.count else { return [] }
    return (0...(bytes.count - pattern.count)).filter { start in
        bytes[start] == pattern[0] && bytes[start..<start + pattern.count].elementsEqual(pattern)
    }
}
