@testable import EruSim
import Testing
import Wire

@Suite struct WorkloadStoreTests {
    /// Names whose byte order differs from a case-blind or Unicode-aware string order: `é`
    /// precomposed and as `e` plus a combining accent are equal Strings but different bytes.
    static let apps = [
        "demo", "demo-x", "demo2", "Demo", "d\u{E9}mo", "de\u{301}mo", "漢字", "evil\u{1B}[31m", "a\u{0}b",
        "z\u{7F}",
    ]
    static let entries = ["web", "we", "web-1", "Web", "\u{E9}", "e\u{301}", "ж"]
    static let nodes = ["node-1", "node-10", "node-2"]

    @Test("random inserts, bulk inserts and removals keep the order sorted by key bytes")
    func orderStaysSorted() {
        var rng = SimRandom(seed: 11)
        var store = WorkloadStore()
        var ids: [String] = []

        for step in 0..<400 {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<5:
                let workload = Self.randomRecord(&rng)
                store.insert(workload)
                ids.append(workload.id)
            case 5:
                let batch = (0..<Int.random(in: 0...20, using: &rng)).map { _ in Self.randomRecord(&rng) }
                store.insert(contentsOf: batch)
                ids += batch.map(\.id)
            default:
                guard let index = ids.indices.randomElement(using: &rng) else { continue }
                #expect(store.remove(ids.remove(at: index))?.id != nil)
            }

            let naive = store.all.map { Array($0.deployKey.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
            #expect(store.order.map(\.key) == naive, "step \(step)")
            #expect(Set(store.order.map(\.id)) == Set(ids) && store.order.count == ids.count, "step \(step)")
        }
        #expect(store.remove("no-such-id") == nil)
    }

    @Test("the entries under a prefix are exactly the keys that start with it, in order")
    func prefixRuns() {
        var rng = SimRandom(seed: 12)
        var store = WorkloadStore()
        store.insert(contentsOf: (0..<300).map { _ in Self.randomRecord(&rng) })
        let prefixes = [
            "/deploy/", "/deploy/demo/", "/deploy/demo/web/", "/deploy/demo/web/node-1/", "/deploy/Demo/",
            "/deploy/d\u{E9}mo/", "/deploy/de\u{301}mo/e\u{301}/", "/deploy/漢字/", "/deploy/a\u{0}b/we/",
            "/deploy/z\u{7F}/", "/deploy/nope/", "/deploy/zzz/", "/e",
        ]

        for prefix in prefixes {
            let run = store.entries(withKeyPrefix: prefix)

            let expected = store.order.filter { $0.key.starts(with: Array(prefix.utf8)) }
            #expect(Array(run) == expected, "prefix \(prefix)")
        }
    }

    @Test("an update edits in place and a cached listing message follows the edit")
    func updateInvalidatesListing() {
        var store = WorkloadStore()
        let workload = Self.record("demo", "web", "node-1", id: "a1")
        store.insert(workload)
        let first = store.listing(of: "a1")

        let returned = store.update("a1") { record in
            record.status = record.runningStatus(healthy: true)
            return record.id
        }
        let second = store.listing(of: "a1")
        let missingUpdate = store.update("nope") { _ in 1 }
        let missingListing = store.listing(of: "nope")

        #expect(returned == "a1" && missingUpdate == nil && missingListing == nil)
        #expect(first == workload.bound().wireBytes())
        #expect(second == store["a1"]?.bound().wireBytes() && second != first)
    }

    @Test("an update that puts another record in place of the old one traps")
    func updateCannotReplaceRecord() async {
        await #expect(processExitsWith: .failure) {
            var store = WorkloadStore()
            store.insert(WorkloadStoreTests.record("demo", "web", "node-1", id: "a1"))
            store.update("a1") { $0 = WorkloadStoreTests.record("other", "web", "node-1", id: "a1") }
        }
    }

    static let listCases: [(app: String, entry: String, node: String, limit: Int64, labels: [String: String])] = [
        ("", "", "", 0, [:]),
        ("demo", "", "", 0, [:]),
        ("demo", "web", "", 0, [:]),
        ("demo", "web", "node-2", 0, [:]),
        ("d\u{E9}mo", "", "", 0, [:]),
        ("de\u{301}mo", "", "", 0, [:]),
        ("", "", "", 0, ["zone": "z1"]),
        ("", "", "", 40, ["zone": "z2"]),
        ("demo", "", "", 7, [:]),
        ("nope", "", "", 0, [:]),
    ]

    @Test("listing bytes equal a naive sort, prefix, limit, label filter and encode, also after changes",
          arguments: listCases)
    func listingMatchesNaive(app: String, entry: String, node: String, limit: Int64, labels: [String: String])
        async throws
    {
        let (core, ids) = await makeCore(
            [Spec("d\u{E9}mo/web/node-1"), Spec("Demo/web/node-2"), Spec("demo-x/web/node-3"),
             Spec("demo/web/node-2"), Spec("de\u{301}mo/web/node-1")])
        await core.seed(count: 300)
        _ = await core.execute("add-hostile text")
        var options = ListWorkloadsOptions()
        options.appname = app
        options.entrypoint = entry
        options.nodename = node
        options.limit = limit
        options.labels = labels

        let recordsBefore = Array(await core.workloads.all)
        let before = try await core.listWorkloads(options)
        _ = await core.execute("kill \(ids[3])")
        _ = await core.execute("ip \(ids[1]) calico 10.9.9.9")
        _ = await core.execute("remove \(ids[0])")
        _ = await core.execute("add demo web node-1 zone=z1")
        let recordsAfter = Array(await core.workloads.all)
        let after = try await core.listWorkloads(options)

        #expect(before == Self.naiveListing(recordsBefore, options))
        #expect(after == Self.naiveListing(recordsAfter, options))
    }

    @Test("churn picks only workloads that have a status, each of them, even when few have one")
    func churnPicksReportedOnly() async throws {
        var config = SimConfig()
        config.seed = 5
        let core = SimCore(config: config)
        await core.seed(count: 40)
        let reported = await core.execute("list").split(separator: "\n").map { $0.split(separator: " ") }
            .filter { $0[2] != "unknown" }.map { String($0[0]) }
        for id in reported.dropFirst(3) { _ = await core.execute("expire \(id)") }

        var picked: Set<String> = []
        for _ in 0..<300 {
            let workload = try #require(await core.randomReportedWorkload())
            picked.insert(workload.id)
        }

        #expect(picked == Set(reported.prefix(3)))
    }

    @Test("churn with no reported workload picks none and changes nothing")
    func churnWithoutCandidates() async throws {
        let (core, ids) = await makeCore([Spec("demo/web/node-1"), Spec("demo/web/node-2")])
        for id in ids { _ = await core.execute("expire \(id)") }
        let before = await core.execute("list")

        await core.churnOnce()

        #expect(await core.randomReportedWorkload() == nil)
        #expect(await core.execute("list") == before)
    }

    @Test("a load targets exactly the running workloads")
    func loadTargetsRunning() async throws {
        let core = SimCore()
        await core.seed(count: 60)
        let running = try await core.listed().filter { $0.status?.running == true }.map(\.id)

        await core.startLoad(LoadRequest(rate: 10, duration: .seconds(1), stamp: false))

        let targets = await core.load?.targets.map(\.id) ?? []
        #expect(Set(targets) == Set(running) && targets.count == running.count)
    }

    /// What ListWorkloads must return, computed the slow and obvious way.
    static func naiveListing(_ records: [SimWorkload], _ options: ListWorkloadsOptions) -> [[UInt8]] {
        let prefix = Array(keyPrefix(
            "deploy", appname: options.appname, entrypoint: options.entrypoint, nodename: options.nodename).utf8)
        var matching = records
            .sorted { Array($0.deployKey.utf8).lexicographicallyPrecedes(Array($1.deployKey.utf8)) }
            .filter { Array($0.deployKey.utf8).starts(with: prefix) }
        if options.limit > 0 { matching = Array(matching.prefix(Int(options.limit))) }
        return matching.filter { labelsMatch(options.labels, $0.labels) }.map { $0.bound().wireBytes() }
    }

    static func randomRecord(_ rng: inout SimRandom) -> SimWorkload {
        record(apps.randomElement(using: &rng)!, entries.randomElement(using: &rng)!,
               nodes.randomElement(using: &rng)!, id: rng.hexID())
    }

    static func record(_ app: String, _ entry: String, _ node: String, id: String) -> SimWorkload {
        SimWorkload(
            id: id, appname: app, entrypoint: entry, nodename: node, podname: "pod", ident: "abcdef",
            image: "registry.local/\(app)", labels: ["zone": "z1"], publishPorts: ["80"], env: [], resources: "{}",
            createTime: 0, networkName: "calico", ip: "10.0.0.1", status: nil)
    }
}
