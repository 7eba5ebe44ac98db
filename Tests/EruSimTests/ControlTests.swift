@testable import EruSim
import Testing
import Wire

@Suite struct ControlTests {
    @Test("IDs resolve from full IDs or unique suffixes of at least seven characters")
    func idResolution() async {
        let (core, ids) = await makeCore([Spec("demo/web/node-1")])

        let bySuffix = await core.execute("kill \(ids[0].suffix(7))")
        let tooShort = await core.execute("kill \(ids[0].suffix(6))")
        let unknown = await core.execute("kill zzzzzzzz")
        let listed = await core.execute("list")

        #expect(bySuffix == "ok")
        #expect(tooShort.hasPrefix("error: ") && unknown.hasPrefix("error: "))
        #expect(listed.hasPrefix(ids[0] + " demo_web_") && listed.hasSuffix(" stopped"))
    }

    static let badCommands = [
        "", "frobnicate", "kill", "healthy ID", "ip ID net", "expire ID", "churn fast", "fail Nope 1", "end-streams 0",
        "add demo web node-9", "add demo a_b node-1", "add demo web node-1 novalue",
    ]

    @Test("malformed or impossible commands reply with an error line", arguments: badCommands)
    func badCommand(command: String) async {
        let (core, ids) = await makeCore([Spec("demo/web/node-1")])
        _ = await core.execute("kill \(ids[0])")
        _ = await core.execute("expire \(ids[0])")

        let reply = await core.execute(command.split(separator: "ID", omittingEmptySubsequences: false).joined(separator: ids[0]))

        #expect(reply.hasPrefix("error: "))
    }

    @Test("fail METHOD N fails exactly the next N calls of that method")
    func failNextCalls() async throws {
        let (core, _) = await makeCore([])

        #expect(await core.execute("fail ListWorkloads 2") == "ok")
        var outcomes: [Bool] = []
        for _ in 0..<3 {
            outcomes.append((try? await core.listed()) != nil)
        }

        #expect(outcomes == [false, false, true])
        #expect((try? await core.info()) != nil)
    }

    @Test("churn is deterministic for a seed and changes statuses")
    func churnDeterministic() async {
        func run() async -> (String, String) {
            var config = SimConfig()
            config.seed = 7
            config.churnRate = 20
            let core = SimCore(config: config)
            await core.seed(count: 30)
            let before = await core.execute("list")
            await core.advance(by: .milliseconds(2500))
            return (before, await core.execute("list"))
        }

        let first = await run()
        let second = await run()

        #expect(first == second)
        #expect(first.0 != first.1)
        #expect(first.0.split(separator: "\n").count == 30)
    }

    @Test("seeded workloads span apps, nodes and statuses including unknown")
    func seedVariety() async throws {
        let core = SimCore()
        await core.seed(count: 60)

        let listed = try await core.listed()
        let words = Set(await core.execute("list").split(separator: "\n").compactMap { $0.split(separator: " ").last })

        #expect(listed.count == 60)
        #expect(Set(listed.map { $0.name.split(separator: "_")[0] }).count >= 3)
        #expect(Set(listed.map(\.nodename)).count >= 3)
        #expect(words == ["healthy", "unhealthy", "stopped", "unknown"])
        #expect(listed.contains { $0.status?.extension.isEmpty == false && !$0.publish.isEmpty })
    }
}
