import EruSim

/// `erusim` serve flags.
struct ServeOptions {
    var host = "127.0.0.1"
    var port = 0
    var workloads = 40
    var churn = 0.0
    var seed: UInt64 = 1
    var createDelay = 1.0
    var username = ""
    var password = ""
    var portFile: String?
    /// `--load`: status changes at `rate` per second for `duration`, from the first status stream on.
    var load = false
    var rate = 1_000.0
    var duration = 10.0
    var stamp = false
    /// Stop by itself after this many seconds.
    var exitAfter: Double?

    static let usage = """
        usage: erusim [--listen 127.0.0.1:PORT] [--workloads N] [--churn EVENTS_PER_SEC] [--seed S]
                      [--create-delay SECONDS] [--username U --password P] [--port-file FILE]
                      [--load [--rate CHANGES_PER_SEC] [--duration SECONDS] [--stamp]] [--exit-after SECONDS]
               erusim ctl --eru 127.0.0.1:PORT COMMAND ARGS...   (erusim ctl --eru ... help lists them)
        """

    /// Parses the serve flags; the error is the message for the user.
    /// The flags that take a value.
    static let valueFlags: Set = [
        "--listen", "--workloads", "--churn", "--seed", "--create-delay", "--username", "--password",
        "--port-file", "--rate", "--duration", "--exit-after",
    ]

    init(_ arguments: [String]) throws(UsageError) {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            switch flag {
            case "--load":
                load = true
                continue
            case "--stamp":
                stamp = true
                continue
            default: break
            }
            guard Self.valueFlags.contains(flag) else { throw UsageError("unknown flag \(flag)") }
            guard let value = rest.popFirst() else { throw UsageError("\(flag) needs a value") }
            switch flag {
            case "--listen":
                guard let address = SimServer.splitHostPort(value) else {
                    throw UsageError("--listen wants HOST:PORT, got \(value)")
                }
                guard SimServer.isLoopback(address.host) else {
                    throw UsageError("erusim listens on loopback only (127.0.0.1 or ::1), not \(address.host)")
                }
                (host, port) = address
            case "--workloads": workloads = try Self.number(flag, value, Int.init) { $0 >= 0 }
            case "--churn": churn = try Self.number(flag, value, Double.init) { $0 >= 0 }
            case "--seed": seed = try Self.number(flag, value, UInt64.init) { _ in true }
            case "--create-delay": createDelay = try Self.number(flag, value, Double.init) { $0 >= 0 }
            case "--username": username = value
            case "--password": password = value
            case "--port-file": portFile = value
            case "--rate": rate = try Self.number(flag, value, Double.init) { $0 > 0 }
            case "--duration": duration = try Self.number(flag, value, Double.init) { $0 > 0 }
            case "--exit-after": exitAfter = try Self.number(flag, value, Double.init) { $0 > 0 }
            default: throw UsageError("unknown flag \(flag)")
            }
        }
        guard username.isEmpty == password.isEmpty else {
            throw UsageError("--username and --password go together")
        }
    }

    private static func number<T>(
        _ flag: String, _ text: String, _ parse: (String) -> T?, _ valid: (T) -> Bool
    ) throws(UsageError) -> T {
        guard let value = parse(text), valid(value) else { throw UsageError("bad value for \(flag): \(text)") }
        return value
    }
}

/// A command-line mistake; erusim prints it with the usage and exits 2.
struct UsageError: Error {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
