@testable import EruSim
import GRPCCore
import Testing
import Wire

@Suite struct FaultTests {
    @Test("an outage drops streams, refuses calls, then serves the same state on the same port")
    func outageKeep() async throws {
        let (core, ids) = await makeCore([Spec("demo/web/node-1"), Spec("billing/api/node-2")])
        let server = try SimServer(core: core)
        let channel = Channel(target: "127.0.0.1:\(server.port)")
        defer { channel.close() }
        let stream = channel.serverStream(CoreMethod.workloadStatusStream, request: streamOptions().wireBytes())
        while await core.openStreamCount == 0 { try await Task.sleep(for: .milliseconds(10)) }

        let reply = try await control(channel, "outage 1.5 keep")
        let dropped = await failure { () async throws(GRPCStatus) in try await stream.next() }
        let during = await failure { () async throws(GRPCStatus) in
            try await channel.unary(CoreMethod.info, request: Empty().wireBytes(), timeout: .seconds(1))
        }
        let after = try await listIDs(channel, waitForReady: true)
        await server.stop()

        #expect(reply == "outage 1.5 keep")
        #expect(dropped != nil)
        #expect(during?.code == .unavailable)
        #expect(Set(after) == Set(ids))
    }

    @Test("an outage with change removes, adds and flips what its reply names")
    func outageChange() async throws {
        let core = SimCore()
        await core.seed(count: 20)
        let server = try SimServer(core: core)
        let channel = Channel(target: "127.0.0.1:\(server.port)")
        defer { channel.close() }
        let before = try await listWorkloads(channel, waitForReady: false)
        let stream = channel.serverStream(CoreMethod.workloadStatusStream, request: streamOptions().wireBytes())
        while await core.openStreamCount == 0 { try await Task.sleep(for: .milliseconds(10)) }

        let reply = try await control(channel, "outage 0.5 change").split(separator: "\n").map {
            $0.split(separator: " ").map(String.init)
        }
        let dropped = await failure { () async throws(GRPCStatus) in try await stream.next() }
        let after = try await listWorkloads(channel, waitForReady: true)
        await server.stop()

        let removed = Array(reply[1].dropFirst()), added = Array(reply[2].dropFirst())
        let flipped = Array(reply[3].dropFirst())
        let beforeIDs = Set(before.map(\.id)), afterIDs = Set(after.map(\.id))
        #expect(dropped != nil)
        #expect(reply[0] == ["outage", "0.5", "change"])
        #expect(reply.map(\.first) == ["outage", "removed", "added", "flipped"])
        #expect(removed.count == 2 && added.count == 2 && flipped.count == 2)
        #expect(afterIDs == beforeIDs.subtracting(removed).union(added))
        for id in flipped {
            let old = try #require(before.first { $0.id == id }?.status)
            let new = try #require(after.first { $0.id == id }?.status)
            #expect(old.running ? new.healthy == !old.healthy : new.running && new.healthy)
        }
    }

    @Test("a frozen core hangs core calls but answers control, and thaw releases them")
    func freezeAndThaw() async throws {
        let (core, ids) = await makeCore([Spec("demo/web/node-1")])
        let server = try SimServer(core: core)
        let channel = Channel(target: "127.0.0.1:\(server.port)")
        defer { channel.close() }
        let stream = channel.serverStream(CoreMethod.workloadStatusStream, request: streamOptions().wireBytes())
        while await core.openStreamCount == 0 { try await Task.sleep(for: .milliseconds(10)) }

        #expect(try await control(channel, "freeze 30") == "ok")
        let hung = await failure { () async throws(GRPCStatus) in
            try await channel.unary(CoreMethod.info, request: Empty().wireBytes(), timeout: .milliseconds(300))
        }
        _ = try await control(channel, "kill \(ids[0])")
        let early = Task { try await stream.next() }
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await control(channel, "stats").contains("sent=0 queued=1"))
        #expect(try await control(channel, "thaw") == "ok")
        let message = try WorkloadStatusStreamMessage(wire: try #require(try await early.value))
        let info = try await channel.unary(CoreMethod.info, request: Empty().wireBytes(), timeout: .seconds(5))
        await server.stop()

        #expect(hung?.code == .deadlineExceeded)
        #expect(message.id == ids[0] && message.status?.running == false)
        #expect(try CoreInfo(wire: info).version == "erusim")
    }

    @Test("a freeze ends by itself on the virtual clock")
    func freezeExpires() async {
        let (core, _) = await makeCore([])

        _ = await core.execute("freeze 2")
        let frozen = core.freezeGate.isClosed
        await core.advance(by: .milliseconds(1999))
        let stillFrozen = core.freezeGate.isClosed
        await core.advance(by: .milliseconds(1))

        #expect(frozen && stillFrozen && !core.freezeGate.isClosed)
        #expect(await core.execute("freeze -1").hasPrefix("error: "))
    }

    @Test("fail Info N fails the liveness probe N times over gRPC")
    func failInfo() async throws {
        let (core, _) = await makeCore([])
        let server = try SimServer(core: core)
        let channel = Channel(target: "127.0.0.1:\(server.port)")
        defer { channel.close() }

        #expect(try await control(channel, "fail Info 2") == "ok")
        var codes: [StatusCode?] = []
        for _ in 0..<3 {
            codes.append(await failure { () async throws(GRPCStatus) in
                try await channel.unary(CoreMethod.info, request: Empty().wireBytes(), timeout: .seconds(5))
            }?.code)
        }
        await server.stop()

        #expect(codes == [.unknown, .unknown, nil])
    }

    @Test("add-hostile makes a running, healthy workload full of hostile data that survives gRPC")
    func hostile() async throws {
        let (core, _) = await makeCore([])
        let server = try SimServer(core: core)
        let channel = Channel(target: "127.0.0.1:\(server.port)")
        defer { channel.close() }

        let id = try await control(channel, "add-hostile")
        let small = try await control(channel, "add-hostile text")
        let listed = try await listWorkloads(channel, waitForReady: false)
        await server.stop()

        let workload = try #require(listed.first { $0.id == id })
        let status = try #require(workload.status)
        #expect(id.count == 64 && small.count == 64 && listed.count == 2)
        #expect(status.running && status.healthy)
        #expect(workload.name.contains("\u{1B}[31m") && workload.name.contains("\u{202E}"))
        #expect(workload.labels.count >= 2_000 && workload.labels["huge"]?.utf8.count == 100 * 1024)
        #expect(workload.image.contains("\u{1B}]0;pwned\u{07}") && workload.env.contains("NUL=a\u{0}b"))
        #expect(status.networks.keys.contains { $0.contains("漢字") })
        #expect(status.extension.contains(0xFF) && status.extension.contains(0x00))
        #expect(listed.first { $0.id == small }?.labels.count ?? 0 < 10)
        #expect(await core.execute("add-hostile nope").hasPrefix("error: "))
    }

    @Test("help lists the fault and load commands")
    func help() async {
        let (core, _) = await makeCore([])

        let help = await core.execute("help")

        for verb in ["outage SECONDS", "freeze SECONDS", "thaw", "add-hostile", "load RATE", "stats", "clock", "fail"] {
            #expect(help.contains(verb))
        }
    }
}

/// Sends a control command over `channel` and returns the reply text.
func control(_ channel: Channel, _ command: String) async throws -> String {
    let reply = try await channel.unary(SimServer.controlMethod, request: Array(command.utf8), timeout: .seconds(5))
    return String(decoding: reply, as: UTF8.self)
}

/// Every workload ListWorkloads returns; `waitForReady` waits out an outage.
func listWorkloads(_ channel: Channel, waitForReady: Bool) async throws -> [Workload] {
    let call = channel.serverStream(
        CoreMethod.listWorkloads, request: ListWorkloadsOptions().wireBytes(), timeout: .seconds(10),
        waitForReady: waitForReady)
    var listed: [Workload] = []
    while let bytes = try await call.next() { listed.append(try Workload(wire: bytes)) }
    return listed
}

func listIDs(_ channel: Channel, waitForReady: Bool) async throws -> [String] {
    try await listWorkloads(channel, waitForReady: waitForReady).map(\.id)
}
