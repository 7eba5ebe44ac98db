import Wire

/// A delayed agent report.
enum TimedAction: Sendable, Equatable {
    /// The first status of a new workload: running, not healthy yet.
    case firstReport(String)
    /// The health check of a running workload passes.
    case becomeHealthy(String)
    /// The freeze with this generation ends.
    case thaw(Int)
}

/// A pending action on the virtual clock.
struct Timer: Sendable {
    var due: Duration
    /// Tie-breaker that keeps timers due at the same time in scheduling order.
    var sequence: Int
    var action: TimedAction
}

extension SimCore {
    /// Moves virtual time forward: runs the delayed reports that fall due, in order, then
    /// makes the churn events of the elapsed interval and the load's due changes. Time stands
    /// still during an outage. Returns how soon the caller should advance again: sooner while
    /// a load runs, so that its changes come smoothly.
    @discardableResult
    public func advance(by step: Duration) -> Duration {
        guard !isInOutage else { return Self.idleTick }
        let target = now + step
        while let index = timers.indices.filter({ timers[$0].due <= target })
            .min(by: { (timers[$0].due, timers[$0].sequence) < (timers[$1].due, timers[$1].sequence) })
        {
            let timer = timers.remove(at: index)
            now = max(now, timer.due)
            run(timer.action)
        }
        now = target
        churnCarry += churnRate * Double(step.components.seconds)
            + churnRate * Double(step.components.attoseconds) / 1e18
        while churnCarry >= 1 {
            churnCarry -= 1
            churnOnce()
        }
        stepLoad()
        return loadIsRunning ? Self.loadTick : Self.idleTick
    }

    static let idleTick = Duration.milliseconds(50)
    static let loadTick = Duration.milliseconds(2)

    /// Queues `action` to run `delay` after the current virtual time.
    func schedule(_ action: TimedAction, after delay: Duration) {
        timers.append(Timer(due: now + delay, sequence: timerSequence, action: action))
        timerSequence += 1
    }

    private func run(_ action: TimedAction) {
        switch action {
        case .firstReport(let id):
            guard let workload = workloads[id], workload.status == nil else { return }
            setStatus(id, to: workload.runningStatus(healthy: false))
            schedule(.becomeHealthy(id), after: config.createDelay)
        case .becomeHealthy(let id):
            guard let workload = workloads[id], let status = workload.status, status.running else { return }
            setStatus(id, to: workload.runningStatus(healthy: true))
        case .thaw(let generation):
            thaw(generation: generation)
        }
    }

    /// One random status change on a workload that has a status: a stopped one revives;
    /// a running one dies, flips its health, or changes IP.
    func churnOnce() {
        guard let workload = randomReportedWorkload(), let status = workload.status else { return }
        guard status.running else {
            setStatus(workload.id, to: workload.runningStatus(healthy: true))
            return
        }
        switch Int.random(in: 0..<10, using: &rng) {
        case 0..<3:
            setStatus(workload.id, to: workload.stoppedStatus())
        case 3..<7:
            setStatus(workload.id, to: workload.runningStatus(healthy: !status.healthy))
        default:
            let ip = rng.ipv4()
            let changed = workloads.update(workload.id) { workload in
                workload.ip = ip
                return workload.runningStatus(healthy: status.healthy)
            }
            setStatus(workload.id, to: changed)
        }
    }

    /// Random picks `randomReportedWorkload` tries before it collects the candidates.
    static let churnPickAttempts = 16

    /// A workload with a status, uniformly at random, or nil when none has one. A few picks
    /// over all workloads come first: each either hits a candidate (uniformly) or is retried,
    /// so a tick stays O(1) while most workloads have reported. Only when they all miss does
    /// it collect the candidates, which keeps the choice uniform.
    func randomReportedWorkload() -> SimWorkload? {
        guard !workloads.order.isEmpty else { return nil }
        for _ in 0..<Self.churnPickAttempts {
            let workload = workloads[workloads.order[Int.random(in: workloads.order.indices, using: &rng)].id]
            if workload?.status != nil { return workload }
        }
        let candidates = workloads.order.filter { workloads[$0.id]?.status != nil }
        return candidates.randomElement(using: &rng).flatMap { workloads[$0.id] }
    }

    /// Sets the churn rate in events per second (0 stops it).
    func setChurnRate(_ rate: Double) {
        churnRate = max(0, rate)
        churnCarry = 0
    }
}
