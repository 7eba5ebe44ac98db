import Wire

extension SimCore {
    /// The apps and entrypoints seeded workloads are spread over; the flag says whether the
    /// entrypoint publishes port 8080.
    static let seedApps: [(app: String, entries: [(name: String, publishes: Bool)])] = [
        ("demo", [("web", true), ("worker", false)]),
        ("billing", [("api", true), ("cron", false)]),
        ("search", [("web", true), ("indexer", false)]),
        ("auth", [("api", true)]),
    ]

    /// Adds `count` workloads over several apps, entrypoints and nodes, with varied statuses:
    /// mostly running and healthy, some unhealthy, some stopped, some never reported. Seeding
    /// sends no stream messages (it happens before anyone watches). It also encodes every
    /// workload's listing message, so that the first listing costs no more than later ones.
    public func seed(count: Int) {
        workloads.insert(contentsOf: (0..<max(0, count)).map { _ in seededWorkload() })
        workloads.encodeListings()
    }

    /// One random workload as `seed` makes them; not stored.
    func seededWorkload() -> SimWorkload {
        let app = Self.seedApps.randomElement(using: &rng)!
        let entry = app.entries.randomElement(using: &rng)!
        let node = nodes.randomElement(using: &rng)!
        let version = "v\(Int.random(in: 1...3, using: &rng))"
        var workload = makeWorkload(
            appname: app.app, entrypoint: entry.name, nodename: node.name,
            image: "registry.local/\(app.app):\(version)",
            userLabels: ["version": version, "zone": node.labels["zone"] ?? "z1"],
            publishPorts: entry.publishes ? ["8080"] : [], networkName: "calico")
        workload.createTime -= Int64.random(in: 0..<30 * 86_400, using: &rng)
        workload.env = ["APP=\(app.app)"]
        switch Int.random(in: 0..<10, using: &rng) {
        case 0..<7: workload.status = workload.runningStatus(healthy: true)
        case 7: workload.status = workload.runningStatus(healthy: false)
        case 8: workload.status = workload.stoppedStatus()
        default: workload.status = nil
        }
        return workload
    }
}
