import Dashboard
import Foundation

/// What the operator asked for on the command line.
public struct Options: Sendable, Equatable {
    public enum Output: String, Sendable { case table, json }

    /// The dashboard, or the headless reconcile controller (`erutop reconcile`).
    public enum Command: Sendable { case dashboard, reconcile }

    public var command = Command.dashboard

    public var eru = "127.0.0.1:5001"
    public var username = ""
    public var password = ""
    public var filters = Filters()
    public var once = false
    public var output = Output.table
    public var demo = false
    public var logPath: String?
    public var help = false
    /// `--replicas FILE`: the replica sets to keep alive.
    public var replicasPath: String?
    /// `--read-only`: reconcile is off in the dashboard.
    public var readOnly = false
    /// `--dry-run` (reconcile): plan and print, never act.
    public var dryRun = false

    public init() {}
}

/// A command line that cannot be used; the message is for the operator.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

extension Options {
    /// Parses `arguments` (without the program name). `environment` supplies ERU, ERU_USERNAME
    /// and ERU_PASSWORD, which flags override.
    public static func parse(_ arguments: [String], environment: [String: String]) throws(UsageError) -> Options {
        var options = Options()
        if let eru = environment["ERU"], !eru.isEmpty { options.eru = eru }
        options.username = environment["ERU_USERNAME"] ?? ""
        options.password = environment["ERU_PASSWORD"] ?? ""
        var outputGiven = false
        var eruGiven = false

        var arguments = arguments[...]
        if arguments.first == "reconcile" {
            options.command = .reconcile
            arguments = arguments.dropFirst()
        }
        var words = ArgumentWords(Array(arguments))
        while let word = words.next() {
            switch word.flag {
            case "-h", "--help": options.help = true
            case "-e", "--eru":
                options.eru = try words.value(for: word)
                eruGiven = true
            case "-u", "--username": options.username = try words.value(for: word)
            case "-p", "--password": options.password = try words.value(for: word)
            case "--app", "--appname": options.filters.appname = try words.value(for: word)
            case "--entry", "--entrypoint": options.filters.entrypoint = try words.value(for: word)
            case "--node", "--nodename": options.filters.nodename = try words.value(for: word)
            case "--label":
                // One pair per flag, split at the first `=` as eru-cli does, so values may
                // hold commas (ERU_META is JSON).
                let text = try words.value(for: word)
                guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                    throw UsageError("--label needs KEY=VALUE, not \"\(text)\"")
                }
                options.filters.labels[String(text[..<equals])] = String(text[text.index(after: equals)...])
            case "--once": options.once = true
            case "-o", "--output":
                let text = try words.value(for: word)
                guard let output = Output(rawValue: text) else {
                    throw UsageError("--output must be table or json, not \"\(text)\"")
                }
                options.output = output
                outputGiven = true
            case "--demo": options.demo = true
            case "--log": options.logPath = try words.value(for: word)
            case "--replicas": options.replicasPath = try words.value(for: word)
            case "--read-only": options.readOnly = true
            case "--dry-run": options.dryRun = true
            default:
                if word.flag.hasPrefix("-") { throw UsageError("unknown flag \(word.flag)") }
                throw UsageError("unexpected argument \"\(word.flag)\"")
            }
        }
        if options.help { return options }
        switch options.command {
        case .dashboard:
            if options.dryRun { throw UsageError("--dry-run only goes with erutop reconcile") }
        case .reconcile:
            if options.replicasPath == nil { throw UsageError("erutop reconcile needs --replicas FILE") }
            if outputGiven { throw UsageError("erutop reconcile prints JSON lines; drop --output") }
            if options.readOnly { throw UsageError("--read-only goes with the dashboard; use --dry-run here") }
        }
        if outputGiven, !options.once { throw UsageError("--output only goes with --once") }
        if options.demo, eruGiven { throw UsageError("--demo starts its own core; drop --eru") }
        if !options.demo { try checkAddress(options.eru) }
        try checkCredentials(username: options.username, password: options.password)
        return options
    }

    /// eru-core's auth is the metadata pair `username: password` (eru-api.md §7), so the name
    /// must be a lower-case header name and the password printable ASCII.
    static func checkCredentials(username: String, password: String) throws(UsageError) {
        if username.isEmpty, password.isEmpty { return }
        if username.isEmpty { throw UsageError("a password (-p) needs a username (-u)") }
        if password.isEmpty { throw UsageError("a username (-u) needs a non-empty password (-p)") }
        // eru-core lower-cases incoming metadata keys, so such a name can never match.
        if username != username.lowercased() {
            throw UsageError("username \"\(username)\" has upper-case letters; eru-core can never match it")
        }
        let headerName = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
        guard username.allSatisfy({ headerName.contains($0) }), !username.hasSuffix("-bin") else {
            throw UsageError("username \"\(username)\" must be letters, digits, '-', '_' or '.' (it is sent as a header name)")
        }
        guard password.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else {
            throw UsageError("the password must be printable ASCII (it is sent as a header value)")
        }
    }

    /// Accepts `host:port` and `[v6]:port`.
    static func checkAddress(_ address: String) throws(UsageError) {
        guard let colon = address.lastIndex(of: ":") else {
            throw UsageError("--eru \"\(address)\" is not HOST:PORT")
        }
        let host = address[..<colon]
        guard !host.isEmpty, let port = Int(address[address.index(after: colon)...]), (1...65535).contains(port) else {
            throw UsageError("--eru \"\(address)\" is not HOST:PORT with a port from 1 to 65535")
        }
    }

    public static let usage = """
        erutop: a live dashboard of Eru workloads

        usage: erutop [--eru HOST:PORT] [-u USER -p PASS] [--app A] [--entrypoint E] [--node N]
                      [--label K=V]... [--once [--output table|json]] [--demo] [--log FILE]
                      [--replicas FILE] [--read-only]
               erutop reconcile --replicas FILE [--eru HOST:PORT] [-u USER -p PASS]
                      [--dry-run] [--once] [--demo] [--log FILE]

          -e, --eru HOST:PORT    eru-core address (default: $ERU, then 127.0.0.1:5001)
          -u, --username USER    eru-core username (default: $ERU_USERNAME); lower-case only
          -p, --password PASS    eru-core password (default: $ERU_PASSWORD)
              --app A            only workloads of app A
              --entrypoint E     only entrypoint E (alias --entry)
              --node N           only workloads on node N
              --label K=V        only workloads with label K=V (split at the first =); repeat
                                 the flag for more labels
              --once             print the current table and exit (listing only, no stream)
          -o, --output FORMAT    with --once: table (default) or json
              --demo             start a simulated Eru core on loopback and watch it
              --log FILE         append a log to FILE (off by default; never the screen)
              --replicas FILE    replica sets to keep alive (YAML, see the README); the `r` key
                                 previews a plan and acts only after `y`
              --read-only        turn the reconcile key off
              --dry-run          (reconcile) plan and print the decisions, never act
          -h, --help             show this help

        Filters are applied by eru-core and again by erutop, so --node or --label alone filter
        too. Keys in the dashboard: press ? for the list.

        --output json prints one array of objects with the keys id, name, appname, entrypoint,
        nodename, podname, image, status (healthy|unhealthy|stopped|unknown), running, healthy,
        networks (object), extensions (object, or a string when not JSON) and labels (object).

        erutop reconcile runs the same feed and planner with no screen: one JSON line per decision
        and per action result on stdout; --once does one pass and exits; without it, it watches
        and reconciles each set whenever its counts drift, until SIGTERM or SIGINT (actions in
        flight finish first).

        exit status: 0 ok, 1 core unreachable or an RPC or action failed (--once), 2 bad usage
        """
}

/// Walks `--flag value`, `--flag=value` and `-f value` words.
struct ArgumentWords {
    struct Word {
        var flag: String
        var inlineValue: String?
    }

    private var remaining: ArraySlice<String>

    init(_ arguments: [String]) { remaining = arguments[...] }

    mutating func next() -> Word? {
        guard let word = remaining.popFirst() else { return nil }
        if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
            return Word(flag: String(word[..<equals]), inlineValue: String(word[word.index(after: equals)...]))
        }
        return Word(flag: word)
    }

    mutating func value(for word: Word) throws(UsageError) -> String {
        if let inline = word.inlineValue { return inline }
        guard let value = remaining.popFirst() else { throw UsageError("\(word.flag) needs a value") }
        return value
    }
}
