import EruSim
import Foundation

/// An `erusim` server the bench started on a free loopback port; stopped by `stop()` or when
/// released.
final class SimProcess {
    let process: ChildProcess
    let port: Int

    var address: String { "127.0.0.1:\(port)" }

    /// Starts erusim with `arguments` (after `--listen 127.0.0.1:0 --port-file …`) and waits
    /// until it listens.
    init(_ options: BenchOptions, name: String, arguments: [String]) throws {
        let portFile = "\(options.workDirectory)/\(name).port"
        unlink(portFile)
        process = try ChildProcess(
            options.erusim, ["--listen", "127.0.0.1:0", "--port-file", portFile] + arguments,
            outputPath: "\(options.workDirectory)/\(name).log")
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                self.port = port
                return
            }
            guard ContinuousClock.now < deadline else {
                process.stop()
                throw BenchError("erusim did not start: \(process.output)")
            }
            usleep(20_000)
        }
    }

    /// The control channel, which tasks may share.
    var control: SimControl { SimControl(address: address) }

    func stop() { process.stop() }
}

/// Text commands to an erusim (`/erusim.Control/Command`).
struct SimControl: Sendable {
    let address: String

    /// Sends one command; throws when erusim answers `error: …`.
    @discardableResult
    func callAsFunction(_ command: String) async throws -> String {
        let reply = try await SimServer.sendControl(to: address, command)
        guard !reply.hasPrefix("error:") else { throw BenchError("erusim \(command): \(reply)") }
        return reply
    }

    /// Waits until `count` status streams are open on the server.
    func waitForStreams(_ count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while try await self("streams") != String(count) {
            guard ContinuousClock.now < deadline else { throw BenchError("erusim never saw \(count) stream(s)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

