@testable import EruSim
import Testing
import Wire

@Suite struct StatusStreamTests {
    static let cluster = [
        Spec("demo/web/node-1", ["zone": "z1"]), Spec("demo/web/node-2"), Spec("demo2/web/node-1"),
        Spec("billing/api/node-1"),
    ]

    static let prefixCases: [(name: String, options: WorkloadStatusStreamOptions, receives: Bool)] = [
        ("whole cluster", streamOptions(), true),
        ("same app", streamOptions("demo"), true),
        ("app that only shares a prefix", streamOptions("dem"), false),
        ("longer app", streamOptions("demo2"), false),
        ("entry without app is ignored", streamOptions("", "worker"), true),
        ("node without entry is ignored", streamOptions("demo", "", "node-9"), true),
        ("app, entry and node", streamOptions("demo", "web", "node-1"), true),
        ("other node", streamOptions("demo", "web", "node-2"), false),
        ("matching labels", streamOptions(labels: ["zone": "z1"]), true),
        ("other labels", streamOptions(labels: ["zone": "z2"]), false),
    ]

    @Test("a status change reaches streams whose key prefix and labels match", arguments: prefixCases)
    func prefixAndLabelRules(name: String, options: WorkloadStatusStreamOptions, receives: Bool) async throws {
        let (core, ids) = await makeCore(Self.cluster)
        let subscription = try await core.subscribe(options)

        _ = await core.execute("kill \(ids[0])")
        let messages = await drain(subscription, of: core)

        #expect(messages.map(\.id) == (receives ? [ids[0]] : []), "\(name)")
    }

    @Test("a stream starts without a snapshot of the current state")
    func noInitialSnapshot() async throws {
        let (core, _) = await makeCore(Self.cluster)

        let subscription = try await core.subscribe(streamOptions())

        #expect(await drain(subscription, of: core).isEmpty)
    }

    @Test("a change carries the re-read workload and its current status")
    func changeShape() async throws {
        let (core, ids) = await makeCore(Self.cluster)
        let subscription = try await core.subscribe(streamOptions())

        _ = await core.execute("unhealthy \(ids[1])")
        let messages = await drain(subscription, of: core)

        let message = try #require(messages.first)
        #expect(messages.count == 1)
        #expect(message.error.isEmpty && !message.delete)
        #expect(message.workload?.id == ids[1] && message.workload?.status == message.status)
        #expect(message.status?.running == true && message.status?.healthy == false)
    }

    @Test("removal sends an error message with delete, even to streams whose labels do not match")
    func removalShape() async throws {
        let (core, ids) = await makeCore(Self.cluster)
        let subscription = try await core.subscribe(streamOptions("demo", labels: ["zone": "nowhere"]))

        _ = await core.execute("remove \(ids[1])")
        let messages = await drain(subscription, of: core)

        var expected = WorkloadStatusStreamMessage()
        expected.id = ids[1]
        expected.error = "key: /workloads/\(ids[1]): bad `Count` value, entity count invalid"
        expected.delete = true
        #expect(messages == [expected])
    }

    @Test("an expired status sends the workload with an all-empty status and delete")
    func expiryShape() async throws {
        let (core, ids) = await makeCore(Self.cluster)
        await core.editForTest(ids[0]) { $0.publishPorts = ["80"] }
        let subscription = try await core.subscribe(streamOptions("demo"))

        _ = await core.execute("expire \(ids[0])")
        let messages = await drain(subscription, of: core)

        let message = try #require(messages.first)
        #expect(messages.count == 1 && message.delete && message.error.isEmpty)
        #expect(message.status == WorkloadStatus())
        #expect(message.workload?.status == WorkloadStatus() && message.workload?.publish == [:])
    }

    @Test("identical re-reports and removals of never-reported workloads send nothing")
    func silentEvents() async throws {
        let (core, ids) = await makeCore(Self.cluster)
        _ = await core.execute("expire \(ids[2])")
        let subscription = try await core.subscribe(streamOptions())

        _ = await core.execute("revive \(ids[0])")
        _ = await core.execute("healthy \(ids[1])")
        _ = await core.execute("remove \(ids[2])")
        let messages = await drain(subscription, of: core)

        #expect(messages.isEmpty)
        #expect(await core.execute("list").split(separator: "\n").count == 3)
    }

    @Test("an injected error reaches the workload's prefix with the given text and delete flag")
    func injectedError() async throws {
        let (core, ids) = await makeCore(Self.cluster)
        let demo = try await core.subscribe(streamOptions("demo", labels: ["no": "match"]))
        let billing = try await core.subscribe(streamOptions("billing"))

        #expect(await core.execute("inject-error \(ids[0].suffix(8)) agent lost it delete") == "ok")
        let demoMessages = await drain(demo, of: core)
        let billingMessages = await drain(billing, of: core)

        var expected = WorkloadStatusStreamMessage()
        expected.id = ids[0]
        expected.error = "agent lost it"
        expected.delete = true
        #expect(demoMessages == [expected])
        #expect(billingMessages.isEmpty)
    }

    @Test("end-streams ends every stream with OK or with the given code")
    func endStreams() async throws {
        let (core, _) = await makeCore(Self.cluster)
        let first = try await core.subscribe(streamOptions())
        let second = try await core.subscribe(streamOptions("demo"))
        #expect(await core.openStreamCount == 2)

        #expect(await core.execute("end-streams 14") == "ok")
        var ends: [StatusStreamEvent] = []
        for subscription in [first, second] {
            for await event in subscription.events { ends.append(event) }
        }

        let expected = StatusStreamEvent.end(SimError(code: 14, message: "erusim: stream ended by control"))
        #expect(ends == [expected, expected])
        #expect(await core.openStreamCount == 0)
    }

    @Test("an injected stream failure refuses the subscription once")
    func injectedStreamFailure() async throws {
        let (core, _) = await makeCore(Self.cluster)
        #expect(await core.execute("fail WorkloadStatusStream 1") == "ok")

        await #expect(throws: SimError(code: 14, message: "erusim: injected failure")) {
            try await core.subscribe(streamOptions())
        }
        _ = try await core.subscribe(streamOptions())
    }
}
