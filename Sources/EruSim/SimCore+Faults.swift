import Wire

/// What an `outage` does to the cluster while the server is down.
struct OutagePlan: Sendable {
    /// How long the server stays down.
    var duration: Duration
    var removed: [String] = []
    /// Complete records, stored when the outage applies.
    var added: [SimWorkload] = []
    /// Workloads whose status flips: running ones change health, stopped ones come back.
    var flipped: [String] = []

    /// The control reply: `outage SECONDS keep`, or for `change` three more lines
    /// `removed ID ID`, `added ID ID` and `flipped ID ID`.
    func reply(seconds: String) -> String {
        let change = !(removed.isEmpty && added.isEmpty && flipped.isEmpty)
        var lines = ["outage \(seconds) \(change ? "change" : "keep")"]
        if change {
            lines.append((["removed"] + removed).joined(separator: " "))
            lines.append((["added"] + added.map(\.id)).joined(separator: " "))
            lines.append((["flipped"] + flipped).joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}

extension SimCore {
    /// Number of workloads an `outage ... change` removes, adds and flips (each).
    static let outageChangeSize = 2

    /// `outage SECONDS [keep|change]`: plans the outage for the server to carry out and
    /// returns the reply. `change` picks the workloads to remove and flip and builds the ones
    /// to add now, so the reply can name them; nothing changes before the server is down.
    func planOutage(_ args: [String]) throws(ControlError) -> String {
        guard (1...2).contains(args.count), let seconds = Double(args[0]), seconds > 0,
            args.count == 1 || ["keep", "change"].contains(args[1])
        else { throw ControlError(message: "usage: outage SECONDS [keep|change]") }
        var plan = OutagePlan(duration: .milliseconds(Int64(seconds * 1000)))
        if args.count == 2 && args[1] == "change" {
            var pool = workloads.order.map(\.id)
            pool.shuffle(using: &rng)
            plan.removed = Array(pool.prefix(Self.outageChangeSize))
            plan.flipped = Array(pool.dropFirst(Self.outageChangeSize).prefix(Self.outageChangeSize))
            plan.added = (0..<Self.outageChangeSize).map { _ in seededWorkload() }
        }
        pendingOutage = plan
        return plan.reply(seconds: args[0])
    }

    /// Hands the planned outage to the server, once.
    func takePendingOutage() -> OutagePlan? {
        defer { pendingOutage = nil }
        return pendingOutage
    }

    /// The server is down: applies the plan's changes and stops virtual time until `endOutage`.
    func beginOutage(_ plan: OutagePlan) {
        isInOutage = true
        apply(plan)
    }

    /// The server listens again: virtual time moves on.
    func endOutage() {
        isInOutage = false
    }

    /// Applies an outage's changes without any stream message: nobody is connected.
    private func apply(_ plan: OutagePlan) {
        for id in plan.removed { workloads.remove(id) }
        workloads.insert(contentsOf: plan.added)
        for id in plan.flipped {
            workloads.update(id) { workload in
                let status = workload.status
                workload.status = status?.running == true
                    ? workload.runningStatus(healthy: !(status?.healthy ?? false))
                    : workload.runningStatus(healthy: true)
            }
        }
    }

    /// `freeze SECONDS` (0 thaws) and `thaw`: while frozen, core calls and stream messages
    /// wait in the gRPC binding; the control method still answers.
    func freeze(seconds: Double) {
        freezeGeneration += 1
        guard seconds > 0 else { return freezeGate.open() }
        freezeGate.close()
        schedule(.thaw(freezeGeneration), after: .milliseconds(Int64(seconds * 1000)))
    }

    /// Ends the freeze `generation` started, unless a later freeze replaced it.
    func thaw(generation: Int) {
        if generation == freezeGeneration { freezeGate.open() }
    }
}
