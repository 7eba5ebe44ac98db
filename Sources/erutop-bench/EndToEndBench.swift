import Curses
import Foundation
import GRPCCore
import Wire

/// Figure 2: messages per second from a load-mode erusim over loopback, for three consumers
/// of the same server, one after the other: erutop's data path into the table (with frames),
/// a receive loop on GRPCCore that decodes nothing, and a Python grpcio client decoding with
/// the official protobuf package.
enum EndToEndBench {
    static let idle = Duration.milliseconds(1500)

    static func run(_ options: BenchOptions, into report: inout Report) async throws {
        let seconds = options.quick ? 2 : 4
        let sim = try SimProcess(options, name: "e2e", arguments: ["--workloads", "1000"])
        defer { sim.stop() }
        // Far above what any consumer takes: erusim waits whenever a stream has 8,192 messages
        // queued, so each consumer is measured at its own ceiling.
        let load = "load 1000000 \(seconds)"

        let raw = try await rawLoop(sim, load: load, seconds: seconds)
        report.add(Figure("2 end to end", "raw receive loop (no decode)", raw.rate, "msg/s"))
        let erutop = try await dashboard(sim, load: load, seconds: seconds)
        report.add(Figure("2 end to end", "erutop: decode + apply + frames", erutop.rate, "msg/s"))
        report.add(Figure("2 end to end", "erutop / raw loop", 100 * erutop.rate / raw.rate, "%", target: .atLeast(80)))
        guard let python = options.python else {
            printError("no --python: the Python consumer is skipped")
            return
        }
        let py = try await pythonClient(sim, python: python, options: options, load: load, seconds: seconds)
        report.add(Figure("2 end to end", "Python grpcio + protobuf", py, "msg/s"))
        report.add(Figure("2 end to end", "erutop / Python", erutop.rate / py, "x", target: .atLeast(5)))
    }

    /// Starts the load once the consumer's stream is open.
    private static func startLoad(_ sim: SimProcess, _ load: String) -> Task<Void, Error> {
        let control = sim.control
        return Task {
            try await control.waitForStreams(1)
            try await control(load)
        }
    }

    private static func rawLoop(_ sim: SimProcess, load: String, seconds: Int) async throws -> Arrivals {
        let channel = Channel(target: sim.address)
        defer { channel.close() }
        let call = channel.serverStream(
            CoreMethod.workloadStatusStream, request: WorkloadStatusStreamOptions().wireBytes())
        let arrivals = Arrivals()
        let loader = startLoad(sim, load)
        let watchdog = Task {
            while !arrivals.quiet(for: idle, limit: .seconds(seconds * 10)) {
                try? await Task.sleep(for: .milliseconds(100))
            }
            call.cancel()
        }
        while (try? await call.next()) != nil {
            arrivals.record()
        }
        watchdog.cancel()
        try await loader.value
        try await sim.control.waitForStreams(0)
        return arrivals
    }

    private static func dashboard(_ sim: SimProcess, load: String, seconds: Int) async throws -> Arrivals {
        let terminal = try Terminal.openHeadless(rows: RenderBench.screen.rows, cols: RenderBench.screen.cols)
        defer { terminal.close() }
        let arrivals = Arrivals()
        var loader: Task<Void, Error>?
        try HeadlessDashboard(address: sim.address, terminal: terminal).run(
            onMessages: { count, at in arrivals.record(count, at: at) },
            onFrame: { frame in
                // Messages that came during the listing would be held back and then applied
                // at once; the load starts once the table is live.
                if frame.live, loader == nil { loader = startLoad(sim, load) }
            },
            finished: { loader != nil && arrivals.quiet(for: idle, limit: .seconds(seconds * 10)) })
        try await loader?.value
        try await sim.control.waitForStreams(0)
        return arrivals
    }

    /// Runs `scripts/bench/status_client.py` with stubs made by grpc_tools.protoc; returns msg/s.
    private static func pythonClient(
        _ sim: SimProcess, python: String, options: BenchOptions, load: String, seconds: Int
    ) async throws -> Double {
        let stubs = options.workDirectory + "/python"
        try FileManager.default.createDirectory(atPath: stubs, withIntermediateDirectories: true)
        let protoc = try ChildProcess.run(
            python, ["-m", "grpc_tools.protoc", "-I", options.fixtures, "--python_out=\(stubs)", options.fixtures + "/eru.proto"],
            scratch: stubs + "/protoc.log")
        guard protoc.status == 0 else { throw BenchError("grpc_tools.protoc failed: \(protoc.output)") }
        setenv("PYTHONPATH", stubs, 1)
        let client = try ChildProcess(
            python, [options.scripts + "/status_client.py", sim.address, "\(idle.seconds)", "\(seconds * 10)"],
            outputPath: stubs + "/client.out")
        try await startLoad(sim, load).value
        let status = client.wait()
        guard status == 0, let line = client.output.split(separator: "\n").last,
            let result = try? JSONDecoder().decode(PythonResult.self, from: Data(line.utf8)),
            let first = result.first, let last = result.last, last > first
        else { throw BenchError("the Python client failed: \(client.output)") }
        return Double(result.count - 1) / (last - first)
    }

    private struct PythonResult: Decodable {
        var count: Int
        var first: Double?
        var last: Double?
    }
}
