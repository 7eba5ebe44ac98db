import Foundation
import Testing

/// Terminal-level helpers for the resilience tests: sizes, escapes, pane state, processes.
extension TmuxSession {
    /// Starts `script` (a POSIX shell script) in a fresh tmux session, so the test can run
    /// commands before and after erutop on the same tty.
    convenience init(shell script: String, columns: Int = 100, rows: Int = 30) throws {
        try self.init(command: ["/bin/sh", "-c", script], columns: columns, rows: rows)
    }

    /// The visible screen with colours and attributes as SGR sequences (`capture-pane -e`).
    func captureWithEscapes() throws -> String {
        try run("/usr/bin/tmux", ["-L", socket, "capture-pane", "-e", "-p", "-t", name]).output
    }

    /// Resizes the window to each size in turn, all in one tmux call (`resize-window`).
    func resize(through sizes: [(columns: Int, rows: Int)]) throws {
        var arguments = ["-L", socket]
        for (index, size) in sizes.enumerated() {
            if index > 0 { arguments.append(";") }
            arguments += ["resize-window", "-t", name, "-x", "\(size.columns)", "-y", "\(size.rows)"]
        }
        let result = try run("/usr/bin/tmux", arguments)
        guard result.status == 0 else { throw HarnessError("resize-window failed: \(result.error)") }
    }

    func resize(columns: Int, rows: Int) throws {
        try resize(through: [(columns, rows)])
    }

    /// One tmux format expanded for the pane, e.g. `#{pane_pid}` or `#{alternate_on}`.
    func paneValue(_ format: String) throws -> String {
        try run("/usr/bin/tmux", ["-L", socket, "display-message", "-p", "-t", name, format]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The process the pane started (the shell, for `init(shell:)`).
    func panePID() throws -> pid_t {
        guard let pid = pid_t(try paneValue("#{pane_pid}")) else { throw HarnessError("no pane pid") }
        return pid
    }

    /// erutop's process: the pane's own (when the shell exec'd it) or one of its descendants.
    func erutopPID() throws -> pid_t? {
        Processes.waitForProcess(under: try panePID(), running: Built.erutop)
    }

    /// Closes the pane as a user closing the window would: tmux hangs up its tty.
    func killPane() throws {
        try run("/usr/bin/tmux", ["-L", socket, "kill-pane", "-t", name])
    }
}

/// Process state read from /proc.
enum Processes {
    /// Direct children of `pid` (its main thread's list, which is where fork puts them).
    static func children(of pid: pid_t) -> [pid_t] {
        let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
        return text.split(separator: " ").compactMap { pid_t($0) }
    }

    /// `pid` itself or a descendant whose command line starts with `executable`, once one exists
    /// (a shell may exec the command or fork it).
    static func waitForProcess(under pid: pid_t, running executable: String, timeout: TimeInterval = 10) -> pid_t? {
        let deadline = Date() + timeout
        repeat {
            var pending = [pid]
            while let next = pending.popLast() {
                if commandLine(next).first == executable { return next }
                pending += children(of: next)
            }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        return nil
    }

    static func commandLine(_ pid: pid_t) -> [String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return [] }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The parent process id (field 4 of /proc/PID/stat, after the parenthesised name).
    static func parent(of pid: pid_t) -> pid_t? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ").dropFirst().first.flatMap { pid_t($0) }
    }

    /// Running or sleeping: neither gone nor a zombie waiting to be reaped.
    static func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }

    /// Waits until `pid` has exited; returns whether it did within `timeout`.
    static func waitForExit(_ pid: pid_t, timeout: TimeInterval) -> Bool {
        let deadline = Date() + timeout
        while isAlive(pid), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        return !isAlive(pid)
    }
}

/// A private temporary directory, removed by `remove()`.
struct ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("erutop-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// The file's text without surrounding whitespace, once it exists and is not empty.
    func waitForText(_ name: String, timeout: TimeInterval = 10) -> String? {
        let deadline = Date() + timeout
        repeat {
            if let text = try? String(contentsOfFile: path(name), encoding: .utf8) {
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty { return trimmed }
            }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        return nil
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Lines of a capture, without the trailing empty line tmux ends it with.
func screenLines(_ screen: String) -> [String] {
    var lines = screen.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    return lines
}

/// Parent of the terminal resilience suites. `.serialized` reaches every nested suite, so they
/// run one test at a time among themselves (each owns a simulator and a tmux server, and the
/// timing checks need the two cores).
@Suite(.serialized) enum TerminalResilienceEndToEndTests {}
