import Dispatch
import EruSim
import Foundation

/// Writes `text` and a newline to stderr.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Waits for SIGINT or SIGTERM, or until `limit` passed when given.
func waitForTermination(limit: Double?) async {
    let (signals, continuation) = AsyncStream.makeStream(of: Int32.self)
    let sources = [SIGINT, SIGTERM].map { number in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { continuation.yield(number) }
        source.resume()
        return source
    }
    let timer = limit.map { seconds in
        Task {
            try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            continuation.yield(0)
        }
    }
    for await _ in signals { break }
    timer?.cancel()
    sources.forEach { $0.cancel() }
}

/// `erusim ctl --eru HOST:PORT COMMAND ARGS...`
func control(_ arguments: [String]) async -> Int32 {
    guard arguments.count >= 3, arguments[0] == "--eru" else {
        printError(ServeOptions.usage)
        return 2
    }
    do {
        let reply = try await SimServer.sendControl(to: arguments[1], arguments.dropFirst(2).joined(separator: " "))
        print(reply)
        return reply.hasPrefix("error:") ? 1 : 0
    } catch {
        printError("erusim ctl: \(error)")
        return 1
    }
}

/// Serves until SIGINT or SIGTERM (or `--exit-after`).
func serve(_ options: ServeOptions) async -> Int32 {
    var config = SimConfig()
    config.seed = options.seed
    config.churnRate = options.churn
    config.createDelay = .milliseconds(Int64(options.createDelay * 1000))
    let core = SimCore(config: config)
    await core.seed(count: options.workloads)
    if options.load {
        await core.startLoadWithFirstStream(
            LoadRequest(rate: options.rate, duration: .milliseconds(Int64(options.duration * 1000)), stamp: options.stamp))
    }
    let credentials = options.username.isEmpty
        ? nil : SimCredentials(username: options.username, password: options.password)
    let server: SimServer
    do {
        server = try SimServer(core: core, host: options.host, port: options.port, credentials: credentials)
    } catch {
        printError("erusim: cannot listen on \(options.host):\(options.port): \(error)")
        return 1
    }
    let address = options.host.contains(":") ? "[\(options.host)]" : options.host
    if let portFile = options.portFile {
        do {
            try "\(server.port)\n".write(toFile: portFile, atomically: true, encoding: .utf8)
        } catch {
            printError("erusim: cannot write \(portFile): \(error)")
            await server.stop()
            return 1
        }
    }
    // FileHandle writes go straight to the descriptor, so a parent reading the pipe sees
    // the line at once.
    FileHandle.standardOutput.write(Data("erusim listening on \(address):\(server.port)\n".utf8))
    await waitForTermination(limit: options.exitAfter)
    await server.stop()
    return 0
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "ctl" {
    exit(await control(Array(arguments.dropFirst())))
}
if arguments.contains("--help") || arguments.contains("-h") {
    print(ServeOptions.usage)
    exit(0)
}
do throws(UsageError) {
    exit(await serve(try ServeOptions(arguments)))
} catch {
    printError("erusim: \(error.message)\n\(ServeOptions.usage)")
    exit(2)
}
