import EruSim
import Foundation
import Reconcile

/// The `erutop` command.
public enum Erutop {
    /// Size of the simulated cluster `--demo` starts.
    static let demoWorkloads = 60
    /// Status changes per second in the demo cluster.
    static let demoChurn = 2.0

    /// Runs erutop with `arguments` (without the program name); returns the exit status.
    public static func main(_ arguments: [String]) async -> Int32 {
        let options: Options
        do {
            options = try Options.parse(arguments, environment: ProcessInfo.processInfo.environment)
        } catch {
            printError("\(error)\nTry 'erutop --help'.")
            return 2
        }
        if options.help {
            print(Options.usage)
            return 0
        }
        let log: EventLog
        do {
            log = try EventLog(path: options.logPath)
        } catch {
            printError("\(error)")
            return 2
        }

        var sets: [ReplicaSetSpec] = []
        if options.command == .dashboard, let path = options.replicasPath {
            do {
                sets = try ReplicasFile.load(path: path)
            } catch {
                printError("\(error)")
                return 2
            }
        }

        var simulator: SimServer?
        var address = options.eru
        if options.demo {
            do {
                let server = try await SimServer.startDemo(workloads: demoWorkloads, churn: demoChurn)
                simulator = server
                address = "127.0.0.1:\(server.port)"
                log.write(.info, "demo core started", ["eru": address])
            } catch {
                printError("cannot start the simulated core: \(error)")
                return 1
            }
        }

        let client = CoreClient(address: address, username: options.username, password: options.password)
        let status: Int32
        if options.command == .reconcile {
            status = await ReconcileCommand.run(options: options, client: client, log: log)
        } else if options.once {
            status = await OnceCommand.run(options: options, client: client)
        } else {
            status = DashboardLoop(options: options, client: client, log: log, sets: sets).run()
        }
        client.close()
        await simulator?.stop()
        return status
    }
}
