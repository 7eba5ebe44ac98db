import Foundation

/// What /proc says about a process: CPU time and wake-ups per thread, and memory.
struct ProcStats {
    /// One thread's counters.
    struct ThreadSample {
        var name: String
        /// Nanoseconds on a CPU (`schedstat`, first field).
        var cpuNanoseconds: UInt64
        /// Voluntary plus involuntary context switches: each is the thread going off a CPU,
        /// so every wake-up adds one.
        var switches: Int
    }

    /// Thread id → sample, for every thread of `pid`.
    static func threads(of pid: pid_t) -> [Int: ThreadSample] {
        let folder = "/proc/\(pid)/task"
        let tids = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var samples: [Int: ThreadSample] = [:]
        for tid in tids.compactMap(Int.init) {
            let base = "\(folder)/\(tid)"
            guard let schedstat = read(base + "/schedstat"), let status = read(base + "/status") else { continue }
            let cpu = schedstat.split(separator: " ").first.flatMap { UInt64($0) } ?? 0
            let switches = field(status, "voluntary_ctxt_switches") + field(status, "nonvoluntary_ctxt_switches")
            let name = read(base + "/comm")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            samples[tid] = ThreadSample(name: name, cpuNanoseconds: cpu, switches: switches)
        }
        return samples
    }

    /// A `/proc/PID/status` value in kB (VmRSS, VmHWM); 0 when missing.
    static func memoryKB(of pid: pid_t, _ key: String) -> Int {
        read("/proc/\(pid)/status").map { field($0, key) } ?? 0
    }

    private static func read(_ path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }

    /// The first number on the line `key:` of a /proc status file.
    private static func field(_ text: String, _ key: String) -> Int {
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            let digits = line.dropFirst(key.count + 1).split(whereSeparator: \.isWhitespace).first
            return digits.flatMap { Int($0) } ?? 0
        }
        return 0
    }
}

/// A private tmux server (its own socket) running one command in a fixed-size window.
final class TmuxSession {
    private let socket: String
    private let scratch: String

    init(command: [String], rows: Int, cols: Int, workDirectory: String) throws {
        socket = "erutop-bench-\(getpid())"
        scratch = workDirectory + "/tmux.out"
        let shellCommand = "exec " + command.map { "'\($0)'" }.joined(separator: " ")
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", "\(cols)", "-y", "\(rows)", shellCommand])
    }

    /// Ends the pane's command with SIGTERM, then the server. The command is signalled first
    /// because `kill-server` alone left erutop running (see docs/benchmarks.md).
    func stop() {
        if let pid = try? panePID() {
            kill(pid, SIGTERM)
        }
        _ = try? tmux(["kill-server"])
    }

    /// The pid of the command in the pane.
    func panePID() throws -> pid_t {
        let text = try tmux(["display-message", "-p", "-t", "bench", "#{pane_pid}"])
        guard let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BenchError("no pane pid in \(text)")
        }
        return pid
    }

    /// The visible text of the pane.
    func capture() throws -> String {
        try tmux(["capture-pane", "-p", "-t", "bench"])
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let result = try ChildProcess.run("/usr/bin/tmux", ["-L", socket] + arguments, scratch: scratch)
        guard result.status == 0 else { throw BenchError("tmux \(arguments.first ?? ""): \(result.output)") }
        return result.output
    }
}
