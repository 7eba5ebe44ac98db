import Wire

/// Decides which node each new instance of a deploy goes to (eru-api.md §6, step 3).
/// Capacity is modelled as a number of free workload slots per node.
enum DeployPlanner {
    /// A node the deploy may use.
    struct Candidate: Equatable {
        var name: String
        /// Existing workloads of the same app and entrypoint on the node.
        var existing: Int
        /// Free workload slots.
        var free: Int
    }

    /// A plan-time failure; arrives as one error message on an OK stream (§6, step 4).
    struct Failure: Error, Equatable {
        var text: String
    }

    /// One node name per new instance, in planning order.
    static func plan(
        strategy: Int32, count: Int, nodesLimit: Int, candidates: [Candidate]
    ) throws(Failure) -> [String] {
        switch DeployStrategy(rawValue: strategy) {
        case .auto, .global: try balanced(count: count, perNodeLimit: nodesLimit, candidates)
        case .each: try each(count: count, nodes: limited(candidates, nodesLimit))
        case .fill: try fill(upTo: count, nodes: limited(candidates, nodesLimit))
        case .drained: try drained(count: count, candidates)
        case .dummy, nil: throw Failure(text: EruText.unsupportedStrategy)
        }
    }

    /// Adds instances one by one to the node with the fewest instances of the app+entry,
    /// then the most free slots; `perNodeLimit` (when > 0) caps new instances per node.
    private static func balanced(count: Int, perNodeLimit: Int, _ candidates: [Candidate]) throws(Failure) -> [String] {
        var nodes = candidates
        var added = Array(repeating: 0, count: nodes.count)
        var plan: [String] = []
        for _ in 0..<count {
            let open = nodes.indices.filter { nodes[$0].free > 0 && (perNodeLimit == 0 || added[$0] < perNodeLimit) }
            let best = open.min { lhs, rhs in
                (nodes[lhs].existing, -nodes[lhs].free, nodes[lhs].name)
                    < (nodes[rhs].existing, -nodes[rhs].free, nodes[rhs].name)
            }
            guard let best else {
                let available = candidates.indices.reduce(0) { sum, index in
                    sum + (perNodeLimit == 0 ? candidates[index].free : min(candidates[index].free, perNodeLimit))
                }
                throw Failure(text: EruText.notEnoughResource(need: count, available: available))
            }
            nodes[best].existing += 1
            nodes[best].free -= 1
            added[best] += 1
            plan.append(nodes[best].name)
        }
        return plan
    }

    /// `count` new instances on every node.
    private static func each(count: Int, nodes: [Candidate]) throws(Failure) -> [String] {
        let need = count * nodes.count
        let available = nodes.reduce(0) { $0 + min($1.free, count) }
        guard available >= need else {
            throw Failure(text: EruText.notEnoughResource(need: need, available: available))
        }
        return nodes.flatMap { Array(repeating: $0.name, count: count) }
    }

    /// Tops every node up to `target` instances of the app+entry.
    private static func fill(upTo target: Int, nodes: [Candidate]) throws(Failure) -> [String] {
        let needs = nodes.map { max(0, target - $0.existing) }
        let need = needs.reduce(0, +)
        guard need > 0 else { throw Failure(text: EruText.fillAlreadyFull) }
        let available = zip(nodes, needs).reduce(0) { $0 + min($1.0.free, $1.1) }
        guard available >= need else {
            throw Failure(text: EruText.notEnoughResource(need: need, available: available))
        }
        return zip(nodes, needs).flatMap { Array(repeating: $0.0.name, count: $0.1) }
    }

    /// Fills the node with the fewest free slots first, then the next.
    private static func drained(count: Int, _ candidates: [Candidate]) throws(Failure) -> [String] {
        let nodes = candidates.filter { $0.free > 0 }.sorted { ($0.free, $0.name) < ($1.free, $1.name) }
        let available = nodes.reduce(0) { $0 + $1.free }
        guard available >= count else {
            throw Failure(text: EruText.notEnoughResource(need: count, available: available))
        }
        var plan: [String] = []
        for node in nodes where plan.count < count {
            plan += Array(repeating: node.name, count: min(node.free, count - plan.count))
        }
        return plan
    }

    /// The first `limit` nodes by fewest existing instances (all of them when `limit` is 0).
    private static func limited(_ nodes: [Candidate], _ limit: Int) -> [Candidate] {
        guard limit > 0 else { return nodes }
        return Array(nodes.sorted { ($0.existing, $0.name) < ($1.existing, $1.name) }.prefix(limit))
    }
}
