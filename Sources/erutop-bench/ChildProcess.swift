import Foundation

/// A process the bench started, with its output in a file. Spawned with posix_spawn rather
/// than Foundation's Process, whose exit detection waits for every inherited descriptor to
/// close (a daemon such as the tmux server would keep it waiting).
final class ChildProcess {
    let pid: pid_t
    let outputPath: String
    private var exited = false

    /// Starts `executable` with stdin from /dev/null and stdout+stderr to `outputPath`.
    init(_ executable: String, _ arguments: [String], outputPath: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let code = posix_spawn(&child, executable, &actions, nil, argv, environ)
        guard code == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(code)))") }
        pid = child
        self.outputPath = outputPath
    }

    deinit { stop() }

    /// Runs a command to completion; returns its exit status and output.
    static func run(_ executable: String, _ arguments: [String], scratch: String) throws -> (status: Int32, output: String) {
        let child = try ChildProcess(executable, arguments, outputPath: scratch)
        let status = child.wait()
        return (status, child.output)
    }

    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

    /// Waits for the exit; returns the exit status (128+N for signal N).
    @discardableResult
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        exited = true
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Sends SIGTERM and waits; SIGKILL if it is still there after two seconds.
    func stop() {
        guard !exited else { return }
        kill(pid, SIGTERM)
        for _ in 0..<200 {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                exited = true
                return
            }
            usleep(10_000)
        }
        kill(pid, SIGKILL)
        wait()
    }
}

/// A measurement that could not be made.
struct BenchError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
