import Foundation
import Testing

/// Paths of the built executables: they sit next to the test bundle in the build folder.
enum Built {
    static let directory: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = bundle.deletingLastPathComponent()
        // `swift test` runs `.build/<triple>/debug/erutopPackageTests.xctest`.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("erutop").path),
            folder.pathComponents.count > 1
        {
            folder.deleteLastPathComponent()
        }
        return folder
    }()

    static var erutop: String { directory.appendingPathComponent("erutop").path }
    static var erusim: String { directory.appendingPathComponent("erusim").path }
}

/// Runs a command to completion and returns its exit status, standard output and error.
///
/// Uses posix_spawn and waitpid rather than Foundation's Process, whose exit detection waits
/// for every inherited descriptor to close: a daemon the command leaves behind (the tmux
/// server) would keep it waiting forever. Output goes through files for the same reason.
@discardableResult
func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String, error: String) {
    let folder = FileManager.default.temporaryDirectory.path
    let outPath = "\(folder)/e2e-out-\(UUID().uuidString)"
    let errPath = "\(folder)/e2e-err-\(UUID().uuidString)"
    defer {
        unlink(outPath)
        unlink(errPath)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    // Test threads block most signals, and a spawned child inherits that mask. tmux's server
    // would then never see its own SIGTERM (kill-server) or SIGCHLD, and would outlive the test
    // with erutop still running in it. Children start with no signal blocked and every signal
    // at its default action.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let environmentWords = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environmentWords.map { strdup($0) } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    guard spawned == 0 else { throw HarnessError("cannot start \(executable): errno \(spawned)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let error = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return (exitStatus, output, error)
}

/// A running `erusim` on 127.0.0.1 with a free port, stopped by `stop()`.
final class SimProcess {
    let process = Process()
    let port: Int
    private let portFile: URL

    init(_ extra: [String] = [], listen: String = "127.0.0.1:0") throws {
        portFile = FileManager.default.temporaryDirectory.appendingPathComponent("erusim-port-\(UUID().uuidString)")
        process.executableURL = URL(fileURLWithPath: Built.erusim)
        process.arguments = ["--listen", listen, "--port-file", portFile.path] + extra
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var port = 0
        for _ in 0..<200 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8),
                let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), value > 0
            {
                port = value
                break
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard port > 0 else {
            process.terminate()
            throw HarnessError("erusim did not report its port")
        }
        self.port = port
    }

    var address: String { "127.0.0.1:\(port)" }

    /// Sends one control command; returns the reply.
    @discardableResult
    func control(_ words: String...) throws -> String {
        let result = try run(Built.erusim, ["ctl", "--eru", address] + words)
        guard result.status == 0 else { throw HarnessError("erusim ctl \(words) failed: \(result.output)\(result.error)") }
        return result.output
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: portFile)
    }

    deinit { stop() }
}

/// A tmux server of its own (private socket), holding one session that runs a command.
final class TmuxSession {
    let socket = "erutop-test-\(getpid())-\(UUID().uuidString.prefix(8))"
    let name = "t"

    init(command: [String], columns: Int = 120, rows: Int = 30, environment: [String: String] = [:]) throws {
        var arguments = ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)"]
        for (key, value) in environment { arguments += ["-e", "\(key)=\(value)"] }
        arguments.append(command.map(Self.shellQuoted).joined(separator: " "))
        let result = try run("/usr/bin/tmux", arguments, environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color", "PATH": "/usr/bin:/bin"])
        guard result.status == 0 else { throw HarnessError("tmux failed: \(result.error)") }
        _ = try run("/usr/bin/tmux", ["-L", socket, "set-option", "-t", name, "remain-on-exit", "on"])
    }

    /// The visible screen as text.
    func capture() throws -> String {
        try run("/usr/bin/tmux", ["-L", socket, "capture-pane", "-p", "-t", name]).output
    }

    func send(_ keys: String...) throws {
        try run("/usr/bin/tmux", ["-L", socket, "send-keys", "-t", name] + keys)
    }

    /// Waits until the screen satisfies `condition`; returns the last capture either way.
    @discardableResult
    func waitFor(timeout: TimeInterval = 10, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date() + timeout
        var screen = try capture()
        while !condition(screen), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            screen = try capture()
        }
        return screen
    }

    /// The pane's process has exited (remain-on-exit keeps the pane).
    var paneDead: Bool {
        (try? run("/usr/bin/tmux", ["-L", socket, "display-message", "-p", "-t", name, "#{pane_dead}"]).output)?
            .trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    func kill() {
        _ = try? run("/usr/bin/tmux", ["-L", socket, "kill-server"])
    }

    deinit { kill() }

    static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
