@testable import EruSim
import Testing
import Wire

/// A valid deploy of `demo/web` into pod-1.
func deploy(count: Int32 = 1, _ edit: (inout DeployOptions) -> Void = { _ in }) -> DeployOptions {
    var options = DeployOptions()
    var entrypoint = EntrypointOptions()
    entrypoint.name = "web"
    entrypoint.publish = ["80/http"]
    options.entrypoint = entrypoint
    options.name = "demo"
    options.podname = "pod-1"
    options.image = "demo:1"
    options.count = count
    options.networks = ["calico": ""]
    edit(&options)
    return options
}

@Suite struct DeployTests {
    static let validationCases: [(edit: @Sendable (inout DeployOptions) -> Void, text: String)] = [
        ({ $0.entrypoint = nil; $0.name = "" }, "no entry in spec"),
        ({ $0.entrypoint?.name = "" }, "no entry in spec"),
        ({ $0.name = ""; $0.podname = "" }, "app name is empty"),
        ({ $0.podname = ""; $0.image = "" }, "pod name is empty"),
        ({ $0.image = ""; $0.count = 0 }, "image is empty"),
        ({ $0.count = 0; $0.entrypoint?.name = "a_b" }, "count is 0"),
        ({ $0.count = -1; $0.entrypoint?.name = "a_b" }, "entrypoint name has '_' character"),
        ({ $0.count = -2 }, "count: -2: invalid deploy count"),
    ]

    @Test("validation fails the call with code 1074 in upstream's order", arguments: validationCases)
    func validation(edit: @Sendable (inout DeployOptions) -> Void, text: String) async {
        let (core, _) = await makeCore([])

        await #expect(throws: SimError(code: 1074, message: text)) {
            try await core.createWorkload(deploy(edit))
        }
    }

    static let planFailureCases: [(edit: @Sendable (inout DeployOptions) -> Void, text: String)] = [
        ({ $0.podname = "elsewhere" }, "node map is empty"),
        ({ $0.nodeFilter = NodeFilter(); $0.nodeFilter?.includes = ["node-9"] },
         "key: /node/node-9: bad `Count` value, entity count invalid"),
        ({ $0.nodelabels = ["zone": "z9"] }, "node map is empty"),
        ({ $0.count = 7 }, "need: 7, available: 6: cannot alloc a plan, not enough resource"),
        ({ $0.deployStrategy = 42 }, "deploy method not support yet"),
    ]

    @Test("plan failures come back as one error message", arguments: planFailureCases)
    func planFailure(edit: @Sendable (inout DeployOptions) -> Void, text: String) async throws {
        let (core, _) = await makeCore([]) { $0.nodeCapacity = 2 }

        let messages = try await core.createWorkload(deploy(edit))

        var expected = CreateWorkloadMessage()
        expected.error = text
        #expect(messages == [expected])
        #expect(try await core.listed().isEmpty)
    }

    @Test("AUTO puts each instance on the node with the fewest of the same app and entry")
    func autoSpreads() async throws {
        let (core, _) = await makeCore([
            Spec("demo/web/node-1"), Spec("demo/web/node-1"), Spec("demo/worker/node-2"), Spec("demo/worker/node-2"),
        ])

        let messages = try await core.createWorkload(deploy(count: 5))

        #expect(messages.map(\.nodename).sorted() == ["node-1", "node-2", "node-2", "node-3", "node-3"])
        #expect(messages.allSatisfy { $0.success && $0.id.count == 64 && $0.podname == "pod-1" })
        #expect(messages.allSatisfy { $0.name.hasPrefix("demo_web_") && $0.publish["calico"]?.hasSuffix(":80") == true })
    }

    @Test("a new workload reports running after the delay and healthy after another")
    func createdWorkloadLifecycle() async throws {
        let (core, _) = await makeCore([]) { $0.createDelay = .seconds(2) }
        let subscription = try await core.subscribe(streamOptions("demo", labels: ["team": "a"]))

        let created = try await core.createWorkload(deploy { $0.labels = ["team": "a"] })
        let id = try #require(created.first?.id)
        let before = try await core.getWorkloadsStatus({ var ids = WorkloadIDs(); ids.ids = [id]; return ids }())
        await core.advance(by: .milliseconds(1999))
        let stillNothing = await core.execute("list")
        await core.advance(by: .seconds(4))
        let messages = await drain(subscription, of: core)

        #expect(before.status == [WorkloadStatus()])
        #expect(stillNothing.hasSuffix("unknown"))
        #expect(messages.map { [$0.status?.running, $0.status?.healthy] } == [[true, false], [true, true]])
        #expect(messages.first?.workload?.labels["team"] == "a")
        #expect(messages.first?.workload?.publish == created.first?.publish)
    }

    @Test("RemoveWorkload with no IDs fails as UNKNOWN")
    func removeNothing() async {
        let (core, _) = await makeCore([])

        await #expect(throws: SimError(code: 2, message: "no workload IDs given")) {
            try await core.removeWorkload(RemoveWorkloadOptions())
        }
    }

    @Test("RemoveWorkload with an unknown ID fails with 1075 and removes nothing")
    func removeUnknown() async throws {
        let (core, ids) = await makeCore([Spec("demo/web/node-1")])
        var options = RemoveWorkloadOptions()
        options.ids = [ids[0], "missing"]

        await #expect(throws: SimError(code: 1075, message: "key: /workloads/missing: bad `Count` value, entity count invalid")) {
            try await core.removeWorkload(options)
        }
        #expect(try await core.listed().count == 1)
    }

    @Test("RemoveWorkload answers each ID and announces the deletion")
    func removeAll() async throws {
        let (core, ids) = await makeCore([Spec("demo/web/node-1"), Spec("demo/web/node-2")])
        let subscription = try await core.subscribe(streamOptions())
        var options = RemoveWorkloadOptions()
        options.ids = ids

        let replies = try await core.removeWorkload(options)
        let messages = await drain(subscription, of: core)

        #expect(replies.map(\.id) == ids && replies.allSatisfy(\.success))
        #expect(messages.map(\.id) == ids && messages.allSatisfy { $0.delete && !$0.error.isEmpty })
        #expect(try await core.listed().isEmpty)
    }
}

@Suite struct DeployPlannerTests {
    static let nodes = [
        DeployPlanner.Candidate(name: "a", existing: 2, free: 5),
        DeployPlanner.Candidate(name: "b", existing: 0, free: 1),
        DeployPlanner.Candidate(name: "c", existing: 1, free: 3),
    ]

    static let cases: [(strategy: DeployStrategy, count: Int, limit: Int, plan: [String]?, failure: String?)] = [
        (.auto, 3, 0, ["b", "c", "a"], nil),
        (.auto, 4, 1, nil, "need: 4, available: 3: cannot alloc a plan, not enough resource"),
        (.each, 1, 0, ["a", "b", "c"], nil),
        (.each, 1, 2, ["b", "c"], nil),
        (.each, 2, 0, nil, "need: 6, available: 5: cannot alloc a plan, not enough resource"),
        (.fill, 2, 0, nil, "need: 3, available: 2: cannot alloc a plan, not enough resource"),
        (.fill, 1, 0, ["b"], nil),
        (.fill, 0, 0, nil, "cannot alloc a fill node plan, each node has enough workloads"),
        (.drained, 3, 0, ["b", "c", "c"], nil),
        (.dummy, 1, 0, nil, "deploy method not support yet"),
    ]

    @Test("each strategy plans or fails as documented", arguments: cases)
    func strategies(strategy: DeployStrategy, count: Int, limit: Int, plan: [String]?, failure: String?) {
        let result = Result { () throws(DeployPlanner.Failure) in
            try DeployPlanner.plan(strategy: strategy.rawValue, count: count, nodesLimit: limit, candidates: Self.nodes)
        }

        switch result {
        case .success(let actual): #expect(failure == nil && actual == plan)
        case .failure(let error): #expect(error.text == failure)
        }
    }
}
