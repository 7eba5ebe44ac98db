@testable import EruSim
import Testing
import Wire

@Suite struct ListWorkloadsTests {
    static let cluster = [
        Spec("demo/web/node-1", ["zone": "z1", "team": "a"]), Spec("demo/web/node-2", ["zone": "z2"]),
        Spec("demo/worker/node-1", ["zone": "z1", "note": ""]), Spec("billing/web/node-1"),
        Spec("demo2/web/node-1"), Spec("demo-x/web/node-3"),
    ]
    static let everything = [
        "billing/web/node-1", "demo-x/web/node-3", "demo/web/node-1", "demo/web/node-2",
        "demo/worker/node-1", "demo2/web/node-1",
    ]

    static let hierarchyCases: [(app: String, entry: String, node: String, expected: [String])] = [
        ("", "", "", everything),
        ("demo", "", "", ["demo/web/node-1", "demo/web/node-2", "demo/worker/node-1"]),
        ("", "web", "", everything),
        ("", "web", "node-1", everything),
        ("demo", "", "node-2", ["demo/web/node-1", "demo/web/node-2", "demo/worker/node-1"]),
        ("demo", "web", "", ["demo/web/node-1", "demo/web/node-2"]),
        ("demo", "web", "node-2", ["demo/web/node-2"]),
        ("nope", "", "", []),
    ]

    @Test("filters follow app → entry → node and come back in bytewise key order", arguments: hierarchyCases)
    func filterHierarchyAndKeyOrder(app: String, entry: String, node: String, expected: [String]) async throws {
        let (core, _) = await makeCore(Self.cluster)
        var options = ListWorkloadsOptions()
        options.appname = app
        options.entrypoint = entry
        options.nodename = node

        let listed = try await core.listed(options)

        #expect(listed.map(path) == expected)
    }

    static let labelCases: [(labels: [String: String], expected: [String])] = [
        ([:], ["demo/web/node-1", "demo/web/node-2", "demo/worker/node-1"]),
        (["zone": "z1"], ["demo/web/node-1", "demo/worker/node-1"]),
        (["zone": "z1", "team": "a"], ["demo/web/node-1"]),
        (["zone": "Z1"], []),
        (["note": ""], ["demo/worker/node-1"]),
        (["team": ""], []),
        (["ERU": "1", "eru.nodename": "node-2"], ["demo/web/node-2"]),
    ]

    @Test("labels match as a subset with identical values", arguments: labelCases)
    func labelSubsetMatch(labels: [String: String], expected: [String]) async throws {
        let (core, _) = await makeCore(Self.cluster)
        var options = ListWorkloadsOptions()
        options.appname = "demo"
        options.labels = labels

        let listed = try await core.listed(options)

        #expect(listed.map(path) == expected)
    }

    @Test("limit counts before the label filter, so matches beyond it are lost")
    func limitBeforeLabels() async throws {
        let (core, _) = await makeCore(Self.cluster)
        var options = ListWorkloadsOptions()
        options.appname = "demo"
        options.limit = 2
        options.labels = ["note": ""]

        let limited = try await core.listed(options)
        options.limit = 3
        let wider = try await core.listed(options)

        #expect(limited.isEmpty)
        #expect(wider.map(path) == ["demo/worker/node-1"])
    }

    @Test("each workload carries system labels, its current status and publish from networks")
    func boundStatusAndPublish() async throws {
        let (core, ids) = await makeCore([Spec("demo/web/node-1", ["k": "v"])])
        await core.editForTest(ids[0]) { $0.publishPorts = ["80", "443"] }
        _ = await core.execute("ip \(ids[0]) calico 10.1.2.3")

        let workload = try #require(try await core.listed().first)

        #expect(workload.id == ids[0] && workload.id.count == 64)
        #expect(workload.name.hasPrefix("demo_web_") && workload.name.count == "demo_web_".count + 6)
        #expect(workload.labels["ERU"] == "1" && workload.labels["eru.nodename"] == "node-1")
        #expect(workload.labels["eru.coreid"] == (try await core.info()).identifier)
        #expect(workload.labels["k"] == "v")
        #expect(workload.status?.running == true && workload.status?.networks == ["calico": "10.1.2.3"])
        #expect(workload.status?.extension == Array(#"{"k":"v"}"#.utf8))
        #expect(workload.publish == ["calico": "10.1.2.3:80,10.1.2.3:443"])
    }

    @Test("a stopped or never-reported workload lists with a network-less or all-empty status")
    func stoppedAndUnknownStatus() async throws {
        let (core, ids) = await makeCore([Spec("demo/web/node-1"), Spec("demo/web/node-2")])
        await core.editForTest(ids[0]) { $0.publishPorts = ["80"] }
        _ = await core.execute("kill \(ids[0])")
        _ = await core.execute("expire \(ids[1])")

        let listed = try await core.listed()

        #expect(listed[0].status?.running == false && listed[0].status?.networks == [:])
        #expect(listed[0].publish == [:])
        #expect(listed[1].status == WorkloadStatus())
    }

    @Test("GetWorkloadsStatus keeps request order and gives all-empty status when none exists")
    func getWorkloadsStatusOrder() async throws {
        let (core, ids) = await makeCore([Spec("demo/web/node-1"), Spec("demo/web/node-2")])
        _ = await core.execute("expire \(ids[0])")
        var request = WorkloadIDs()
        request.ids = [ids[1], ids[0]]

        let reply = try await core.getWorkloadsStatus(request)

        #expect(reply.status.map(\.id) == [ids[1], ""])
        #expect(reply.status[1] == WorkloadStatus())
    }

    @Test("GetWorkloadsStatus fails as a whole on the first unknown ID")
    func getWorkloadsStatusUnknownID() async throws {
        let (core, ids) = await makeCore([Spec("demo/web/node-1")])
        var request = WorkloadIDs()
        request.ids = [ids[0], "nope1", "nope2"]

        let expected = SimError(code: 1055, message: "key: /workloads/nope1: bad `Count` value, entity count invalid")
        await #expect(throws: expected) {
            try await core.getWorkloadsStatus(request)
        }
    }
}
