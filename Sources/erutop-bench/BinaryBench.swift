import Foundation

/// Figures 6 then 4, on the real `erutop` binary in tmux against an erusim holding 100k
/// workloads: time from launch to the first full table, RSS, then CPU time and wake-ups over
/// 10 s with no events.
enum BinaryBench {
    static let workloads = 100_000

    static func run(_ options: BenchOptions, into report: inout Report) async throws {
        let seedStart = ContinuousClock.now
        let sim = try SimProcess(options, name: "binary", arguments: ["--workloads", "\(workloads)"])
        defer { sim.stop() }
        printError("  erusim seeded \(workloads) workloads in \(Report.format((ContinuousClock.now - seedStart).seconds)) s")

        let launched = ContinuousClock.now
        let session = try TmuxSession(
            command: ["/usr/bin/env", "TERM=xterm-256color", options.erutop, "--eru", sim.address],
            rows: RenderBench.screen.rows, cols: RenderBench.screen.cols, workDirectory: options.workDirectory)
        defer { session.stop() }
        let pid = try session.panePID()
        let marker = "\(workloads) total"
        var screen = ""
        while !screen.contains(marker) {
            guard ContinuousClock.now - launched < .seconds(60) else {
                throw BenchError("no table with \(marker) after 60 s; screen:\n\(screen)")
            }
            try await Task.sleep(for: .milliseconds(5))
            screen = try session.capture()
        }
        let firstFrame = ContinuousClock.now - launched
        if options.runs("6") {
            report.add(Figure("6 memory+start", "first full frame, 100k workloads", firstFrame.seconds, "s",
                              target: .atMost(2)))
            report.add(Figure("6 memory+start", "RSS after the first frame", Double(ProcStats.memoryKB(of: pid, "VmRSS")) / 1024, "MB",
                              target: .atMost(200)))
        }
        guard options.runs("4") else { return }

        // Let the listing's allocations settle before the quiet window.
        try await Task.sleep(for: .seconds(1))
        let window = Duration.seconds(options.quick ? 3 : 10)
        let before = ProcStats.threads(of: pid)
        try await Task.sleep(for: window)
        let after = ProcStats.threads(of: pid)
        if options.runs("6") {
            report.add(Figure("6 memory+start", "peak RSS (VmHWM)", Double(ProcStats.memoryKB(of: pid, "VmHWM")) / 1024, "MB",
                              target: .atMost(200)))
        }
        var cpu: UInt64 = 0
        var wakeups = 0
        var busy: [String] = []
        for (tid, end) in after {
            let start = before[tid] ?? ProcStats.ThreadSample(name: end.name, cpuNanoseconds: 0, switches: 0)
            cpu += end.cpuNanoseconds - start.cpuNanoseconds
            wakeups += end.switches - start.switches
            if end.switches > start.switches { busy.append("\(end.name)[\(tid)]: \(end.switches - start.switches)") }
        }
        printError("  wake-ups by thread: \(busy.sorted().joined(separator: ", "))")
        let label = "\(Int(window.seconds)) s idle, 100k rows"
        report.add(Figure("4 idle", "CPU, \(label)", 100 * Double(cpu) / 1e9 / window.seconds, "% of a core",
                          target: .atMost(0.2)))
        report.add(Figure("4 idle", "wake-ups (all threads), \(label)", Double(wakeups), "",
                          target: .atMost(Double(ProbeCost.wakeups(in: window)))))
    }
}

/// What the liveness check may cost while idle: one Info call every 25 s
/// (`FeedController.probeInterval`), a handful of thread wake-ups each.
enum ProbeCost {
    static let interval = 25.0
    static let wakeupsPerProbe = 10

    static func wakeups(in window: Duration) -> Int {
        Int((window.seconds / interval).rounded(.up)) * wakeupsPerProbe
    }
}
