@testable import EruSim
import GRPCCore
import Testing
import Wire

@Suite struct LoadTests {
    @Test("a load makes RATE changes per second, flips health, stamps the send time and then stops")
    func loadOnCore() async throws {
        let core = SimCore()
        await core.seed(count: 50)
        let subscription = try await core.subscribe(streamOptions())
        let running = try await core.listed().filter { $0.status?.running == true }

        let reply = await core.execute("load 200 1.5 stamp")
        let before = monotonicNanoseconds()
        await core.advance(by: .milliseconds(500))
        await core.advance(by: .seconds(2))
        let after = monotonicNanoseconds()
        let stats = await core.execute("stats")
        _ = await core.execute("end-streams")
        var messages: [WorkloadStatusStreamMessage] = []
        for await case .encoded(let bytes) in subscription.events {
            messages.append(try WorkloadStatusStreamMessage(wire: bytes))
        }

        #expect(reply == "load rate=200 duration=1.5 targets=\(running.count) stamp=on")
        #expect(messages.count == 300)
        #expect(stats.hasPrefix("load done rate=200 duration=1.5 targets=\(running.count) stamp=on generated=300 "))
        #expect(stats.contains("stream 0 open=1 sent=0 queued=300"))
        let first = try #require(messages.first)
        let original = try #require(running.first { $0.id == first.id }?.status)
        #expect(first.status?.healthy == !original.healthy && first.workload?.status == first.status)
        for message in messages {
            let stamp = try #require(Self.stamp(message.status?.extension ?? []))
            #expect(stamp >= before && stamp <= after)
        }
        let listed = try await core.listed()
        let last = try #require(messages.last { $0.id == first.id })
        #expect(listed.first { $0.id == first.id }?.status?.healthy == last.status?.healthy)
    }

    @Test("loads are deterministic for a seed apart from stamps")
    func deterministic() async throws {
        func run() async -> [String] {
            let core = SimCore()
            await core.seed(count: 30)
            let subscription = try? await core.subscribe(streamOptions())
            _ = await core.execute("load 100 1")
            await core.advance(by: .seconds(1))
            _ = await core.execute("end-streams")
            var ids: [String] = []
            for await case .encoded(let bytes) in subscription!.events {
                let message = try? WorkloadStatusStreamMessage(wire: bytes)
                ids.append("\(message?.id ?? "") \(message?.status?.healthy ?? false)")
            }
            return ids
        }

        let first = await run()

        #expect(first.count == 100)
        #expect(await run() == first)
    }

    @Test("a load waits while a stream's backlog is full")
    func backlog() async throws {
        let core = SimCore()
        await core.seed(count: 10)
        let subscription = try await core.subscribe(streamOptions())

        _ = await core.execute("load 100000 10")
        await core.advance(by: .seconds(1))
        let stats = await core.execute("stats")
        await core.unsubscribe(subscription.id)

        #expect(stats.contains("generated=\(SimCore.maxLoadBacklog) "))
        #expect(await core.execute("load 0 1").hasPrefix("error: "))
        #expect(await core.execute("load stop") == "ok")
        #expect(await core.execute("stats").hasPrefix("load done"))
    }

    @Test("--load starts with the first status stream and counts what gRPC delivered")
    func loadOverGRPC() async throws {
        let core = SimCore()
        await core.seed(count: 100)
        await core.startLoadWithFirstStream(LoadRequest(rate: 2_000, duration: .milliseconds(500), stamp: true))
        let server = try SimServer(core: core)
        let channel = Channel(target: "127.0.0.1:\(server.port)")
        defer { channel.close() }
        let waiting = try await control(channel, "stats")

        let stream = channel.serverStream(CoreMethod.workloadStatusStream, request: streamOptions().wireBytes())
        var received = 0
        while received < 1_000, let bytes = try await stream.next() {
            let message = try WorkloadStatusStreamMessage(wire: bytes)
            #expect(Self.stamp(message.status?.extension ?? []) != nil)
            received += 1
        }
        var stats = try await control(channel, "stats")
        while stats.hasPrefix("load running") || !stats.contains("total sent=1000") {
            try await Task.sleep(for: .milliseconds(20))
            stats = try await control(channel, "stats")
        }
        let clock = try #require(UInt64(try await control(channel, "clock")))
        await server.stop()

        #expect(waiting == "load waiting\ntotal sent=0")
        #expect(stats.contains("generated=1000 ") && stats.contains("stream 0 open=1 sent=1000 queued=1000"))
        #expect(clock <= monotonicNanoseconds())
    }

    @Test("seeding and listing 100k workloads keeps every ID, deploy keys starting with the first app")
    func hundredThousand() async throws {
        let core = SimCore()
        await core.seed(count: 100_000)

        let listed = try await core.listed()

        #expect(listed.count == 100_000 && Set(listed.map(\.id)).count == 100_000)
        #expect(listed.first?.name.hasPrefix("auth_") == true && listed.last?.name.hasPrefix("search_") == true)
    }

    /// The `"t"` stamp at the start of a load message's extension.
    static func stamp(_ bytes: [UInt8]) -> UInt64? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix("{\"t\":\""), text.count >= 27 else { return nil }
        return UInt64(text.dropFirst(6).prefix(20))
    }
}
