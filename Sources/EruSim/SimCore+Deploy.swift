import Wire

extension SimCore {
    /// `/pb.CoreRPC/CreateWorkload`: validation errors throw (code 1074); node-selection and
    /// plan failures come back as one error message; otherwise one message per new workload.
    /// Each new workload first reports a status `createDelay` later (§6).
    public func createWorkload(_ options: DeployOptions) throws(SimError) -> [CreateWorkloadMessage] {
        try consumeFailure(.createWorkload)
        if let problem = Self.validationProblem(options) {
            throw SimError(code: EruCode.createWorkload, message: problem)
        }
        let entrypoint = options.entrypoint?.name ?? ""
        let plan: [String]
        do {
            let candidates = try selectNodes(options).map { node in
                DeployPlanner.Candidate(
                    name: node.name, existing: instanceCount(options.name, entrypoint, on: node.name),
                    free: max(0, node.capacity - instanceCount(on: node.name)))
            }
            plan = try DeployPlanner.plan(
                strategy: options.deployStrategy, count: Int(options.count),
                nodesLimit: Int(options.nodesLimit), candidates: candidates)
        } catch {
            var failure = CreateWorkloadMessage()
            failure.error = error.text
            return [failure]
        }
        return plan.map { createdMessage(addWorkload(options, on: $0)) }
    }

    /// `/pb.CoreRPC/RemoveWorkload`: all IDs must exist, else nothing is removed (§6).
    public func removeWorkload(_ options: RemoveWorkloadOptions) throws(SimError) -> [RemoveWorkloadMessage] {
        try consumeFailure(.removeWorkload)
        guard !options.ids.isEmpty else { throw SimError(code: EruCode.unknown, message: EruText.noWorkloadIDs) }
        if let unknown = options.ids.first(where: { workloads[$0] == nil }) {
            throw SimError(code: EruCode.removeWorkload, message: EruText.missingWorkload(unknown))
        }
        return options.ids.map(removeOne)
    }

    /// Removes one workload; the status deletion is announced only when a status existed.
    func removeOne(_ id: String) -> RemoveWorkloadMessage {
        var message = RemoveWorkloadMessage()
        message.id = id
        guard let removed = workloads.remove(id) else {
            message.hook = EruText.missingWorkload(id)
            return message
        }
        if removed.status != nil { publishChange(id: id, statusKey: removed.statusKey, delete: true) }
        message.success = true
        return message
    }

    /// The first validation failure, in upstream's order of checks.
    static func validationProblem(_ options: DeployOptions) -> String? {
        guard let entrypoint = options.entrypoint, !entrypoint.name.isEmpty else { return "no entry in spec" }
        if options.name.isEmpty { return "app name is empty" }
        if options.podname.isEmpty { return "pod name is empty" }
        if options.image.isEmpty { return "image is empty" }
        if options.count == 0 { return "count is 0" }
        if entrypoint.name.contains("_") { return "entrypoint name has '_' character" }
        if options.count < 0 { return "count: \(options.count): invalid deploy count" }
        return nil
    }

    /// The nodes a deploy may use: `node_filter` when present, else the legacy fields.
    private func selectNodes(_ options: DeployOptions) throws(DeployPlanner.Failure) -> [SimNode] {
        let filter = options.nodeFilter
        let includes = filter?.includes ?? options.nodenames
        let labels = filter?.labels ?? options.nodelabels
        let excludes = Set(filter?.excludes ?? [])
        let selected: [SimNode]
        if includes.isEmpty {
            selected = nodes.filter {
                $0.podname == options.podname && labelsMatch(labels, $0.labels) && !excludes.contains($0.name)
            }
        } else {
            selected = try includes.map { name throws(DeployPlanner.Failure) in
                guard let node = nodes.first(where: { $0.name == name }) else {
                    throw DeployPlanner.Failure(text: EruText.missingKey("/node/\(name)"))
                }
                return node
            }
        }
        guard !selected.isEmpty else { throw DeployPlanner.Failure(text: EruText.nodeMapEmpty) }
        return selected
    }

    /// Workloads on `nodename`, all apps, or only `appname`'s `entrypoint` when given.
    func instanceCount(_ appname: String? = nil, _ entrypoint: String? = nil, on nodename: String) -> Int {
        workloads.all.count(where: { workload in
            workload.nodename == nodename
                && (appname == nil || (workload.appname == appname && workload.entrypoint == entrypoint))
        })
    }

    /// Stores a new workload from a deploy and schedules its first status report.
    private func addWorkload(_ options: DeployOptions, on nodename: String) -> SimWorkload {
        let network = options.networks.sorted { keyPrecedes($0.key, $1.key) }.first
        let ports = (options.entrypoint?.publish ?? []).map { String($0.prefix { $0 != "/" }) }
        let resources = options.resources.sorted { keyPrecedes($0.key, $1.key) }.map { name, json in
            "\(jsonString(name)):\(String(decoding: json, as: UTF8.self))"
        }
        let workload = makeWorkload(
            appname: options.name, entrypoint: options.entrypoint?.name ?? "", nodename: nodename,
            image: options.image, userLabels: options.labels, publishPorts: ports,
            networkName: network?.key ?? "host", requestedIP: network?.value ?? "")
        var stored = workload
        stored.podname = options.podname
        stored.env = options.env
        stored.resources = "{" + resources.joined(separator: ",") + "}"
        workloads.insert(stored)
        schedule(.firstReport(stored.id), after: config.createDelay)
        return stored
    }

    /// A new workload record with fresh ID, ident and (unless requested) IP; not stored.
    func makeWorkload(
        appname: String, entrypoint: String, nodename: String, image: String,
        userLabels: [String: String], publishPorts: [String], networkName: String, requestedIP: String = ""
    ) -> SimWorkload {
        let system = SystemLabel.labels(nodename: nodename, coreID: coreID, publishPorts: publishPorts)
        return SimWorkload(
            id: rng.hexID(), appname: appname, entrypoint: entrypoint, nodename: nodename,
            podname: nodes.first { $0.name == nodename }?.podname ?? config.podname, ident: rng.letters(6),
            image: image, labels: userLabels.merging(system) { _, system in system },
            publishPorts: publishPorts, env: [], resources: "{}",
            createTime: config.epoch + now.components.seconds, networkName: networkName,
            ip: requestedIP.isEmpty ? rng.ipv4() : requestedIP, status: nil)
    }

    /// The success message for a created workload, with the engine's view of `publish`.
    private func createdMessage(_ workload: SimWorkload) -> CreateWorkloadMessage {
        var message = CreateWorkloadMessage()
        message.podname = workload.podname
        message.nodename = workload.nodename
        message.id = workload.id
        message.name = workload.name
        message.success = true
        message.publish = workload.publish(networks: [workload.networkName: workload.ip])
        message.resources = workload.resources
        return message
    }
}
