import Wire

/// A control command that cannot be carried out; replied as `error: <message>`.
struct ControlError: Error {
    var message: String
}

extension SimCore {
    /// The control commands, one per line of `help`.
    static let controlHelp = [
        "kill ID", "revive ID", "unhealthy ID", "healthy ID", "ip ID NET IP", "expire ID", "remove ID",
        "add APP ENTRY NODE [k=v...]", "list", "streams", "churn RATE", "end-streams [CODE]",
        "fail METHOD N", "inject-error ID TEXT [delete]",
        "outage SECONDS [keep|change] (the reply comes first; control is down with the server)",
        "freeze SECONDS", "thaw", "add-hostile [text|all]", "load RATE SECONDS [stamp]", "load stop", "stats",
        "clock", "help",
    ]

    /// Runs one text control command and returns its reply; failures start with `error:`.
    /// IDs are full IDs or unique suffixes of at least 7 characters.
    public func execute(_ command: String) -> String {
        let words = command.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let verb = words.first else { return "error: empty command" }
        do {
            return try run(verb, Array(words.dropFirst()))
        } catch {
            return "error: \(error.message)"
        }
    }

    private func run(_ verb: String, _ args: [String]) throws(ControlError) -> String {
        switch verb {
        case "kill":
            let workload = try target(args, arity: 1)
            setStatus(workload.id, to: workload.stoppedStatus())
        case "revive":
            let workload = try target(args, arity: 1)
            setStatus(workload.id, to: workload.runningStatus(healthy: true))
        case "healthy", "unhealthy":
            let workload = try running(target(args, arity: 1))
            setStatus(workload.id, to: workload.runningStatus(healthy: verb == "healthy"))
        case "ip":
            let id = try running(target(args, arity: 3)).id
            let status = workloads.update(id) { workload in
                workload.networkName = args[1]
                workload.ip = args[2]
                return workload.runningStatus(healthy: workload.status?.healthy ?? false)
            }
            setStatus(id, to: status)
        case "expire":
            let workload = try target(args, arity: 1)
            guard workload.status != nil else { throw ControlError(message: "\(workload.id) has no status") }
            setStatus(workload.id, to: nil)
        case "remove":
            _ = removeOne(try target(args, arity: 1).id)
        case "add":
            return try add(args)
        case "list":
            return workloads.order.compactMap { workloads[$0.id] }
                .map { "\($0.id) \($0.name) \(Self.statusWord($0.status))" }
                .joined(separator: "\n")
        case "streams":
            return String(openStreamCount)
        case "churn":
            guard args.count == 1, let rate = Double(args[0]), rate >= 0 else { throw usage("churn RATE") }
            setChurnRate(rate)
        case "end-streams":
            try endStreams(args)
        case "fail":
            guard args.count == 2, let method = SimMethod(rawValue: args[0]), let count = Int(args[1]), count >= 0
            else { throw usage("fail METHOD N (METHOD: \(SimMethod.allCases.map(\.rawValue).joined(separator: ", ")))") }
            failures[method] = count
        case "inject-error":
            try injectError(args)
        case "outage":
            return try planOutage(args)
        case "freeze":
            guard args.count == 1, let seconds = Double(args[0]), seconds >= 0 else { throw usage("freeze SECONDS") }
            freeze(seconds: seconds)
        case "thaw":
            freeze(seconds: 0)
        case "add-hostile":
            return try addHostile(args)
        case "load":
            return try loadCommand(args)
        case "stats":
            return stats()
        case "clock":
            return String(monotonicNanoseconds())
        case "help":
            return Self.controlHelp.joined(separator: "\n")
        default:
            throw ControlError(message: "unknown command \(verb); try help")
        }
        return "ok"
    }

    /// `add APP ENTRY NODE [k=v...]`: a workload that is running and healthy right away.
    private func add(_ args: [String]) throws(ControlError) -> String {
        guard args.count >= 3 else { throw usage("add APP ENTRY NODE [k=v...]") }
        guard nodes.contains(where: { $0.name == args[2] }) else { throw ControlError(message: "no node \(args[2])") }
        guard !args[1].contains("_") else { throw ControlError(message: "entrypoint name has '_' character") }
        var labels: [String: String] = [:]
        for pair in args.dropFirst(3) {
            guard let equals = pair.firstIndex(of: "=") else { throw usage("labels are k=v, got \(pair)") }
            labels[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        let workload = makeWorkload(
            appname: args[0], entrypoint: args[1], nodename: args[2], image: "registry.local/\(args[0]):latest",
            userLabels: labels, publishPorts: [], networkName: "calico")
        workloads.insert(workload)
        setStatus(workload.id, to: workload.runningStatus(healthy: true))
        return workload.id
    }

    /// `end-streams [CODE]`: OK end without a code.
    private func endStreams(_ args: [String]) throws(ControlError) {
        guard args.count <= 1 else { throw usage("end-streams [CODE]") }
        guard let code = args.first else { return endStreams(nil) }
        guard let value = Int32(code), value > 0 else { throw usage("end-streams [CODE] (CODE > 0)") }
        endStreams(SimError(code: value, message: "erusim: stream ended by control"))
    }

    /// `inject-error ID TEXT [delete]`. An ID that matches no workload reaches only the
    /// streams without an app filter, as a status key outside any app would.
    private func injectError(_ args: [String]) throws(ControlError) {
        guard args.count >= 2 else { throw usage("inject-error ID TEXT [delete]") }
        let delete = args.count >= 3 && args.last == "delete"
        let text = args[1..<(delete ? args.count - 1 : args.count)].joined(separator: " ")
        let known = try? resolve(args[0])
        let id = known?.id ?? args[0]
        publishError(id: id, statusKey: known?.statusKey ?? "/status/\(id)", text: text, delete: delete)
    }

    /// The workload named by `args[0]`, after checking the argument count.
    private func target(_ args: [String], arity: Int) throws(ControlError) -> SimWorkload {
        guard args.count == arity else { throw ControlError(message: "expected \(arity) argument(s)") }
        return try resolve(args[0])
    }

    private func running(_ workload: SimWorkload) throws(ControlError) -> SimWorkload {
        guard workload.status?.running == true else { throw ControlError(message: "\(workload.id) is not running") }
        return workload
    }

    /// A full ID, or a unique suffix of at least 7 characters.
    func resolve(_ token: String) throws(ControlError) -> SimWorkload {
        if let workload = workloads[token] { return workload }
        guard token.count >= 7 else { throw ControlError(message: "ID suffix \(token) is shorter than 7 characters") }
        let matches = workloads.all.filter { $0.id.hasSuffix(token) }
        guard matches.count == 1 else {
            throw ControlError(message: matches.isEmpty ? "no workload \(token)" : "ID suffix \(token) is ambiguous")
        }
        return matches[0]
    }

    private func usage(_ text: String) -> ControlError {
        ControlError(message: "usage: \(text)")
    }

    /// One word for a status in `list`: unknown, stopped, unhealthy or healthy.
    static func statusWord(_ status: WorkloadStatus?) -> String {
        guard let status else { return "unknown" }
        guard status.running else { return "stopped" }
        return status.healthy ? "healthy" : "unhealthy"
    }
}
