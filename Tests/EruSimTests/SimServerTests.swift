@testable import EruSim
import GRPCCore
import Testing
import Wire

@Suite struct SimServerTests {
    @Test("list, stream and a control kill round-trip over real gRPC on 127.0.0.1")
    func roundTrip() async throws {
        let (core, ids) = await makeCore([Spec("demo/web/node-1"), Spec("billing/api/node-2")])
        let server = try SimServer(core: core)
        let channel = Channel(target: "127.0.0.1:\(server.port)")
        defer { channel.close() }

        let list = channel.serverStream(CoreMethod.listWorkloads, request: ListWorkloadsOptions().wireBytes())
        var listed: [Workload] = []
        while let bytes = try await list.next() { listed.append(try Workload(wire: bytes)) }
        let stream = channel.serverStream(CoreMethod.workloadStatusStream, request: streamOptions("demo").wireBytes())
        while await core.openStreamCount == 0 { try await Task.sleep(for: .milliseconds(10)) }
        let reply = try await channel.unary(
            SimServer.controlMethod, request: Array("kill \(ids[0].suffix(7))".utf8), timeout: .seconds(5))
        let message = try WorkloadStatusStreamMessage(wire: try #require(try await stream.next()))
        await server.stop()
        let end = try await stream.next()

        #expect(listed.map(\.id) == [ids[1], ids[0]])
        #expect(String(decoding: reply, as: UTF8.self) == "ok")
        #expect(message.id == ids[0] && message.status?.running == false && message.workload?.name == listed[1].name)
        #expect(end == nil)
    }

    @Test("core failures keep Eru's code and text, and auth guards every RPC but control")
    func errorsAndAuth() async throws {
        let (core, _) = await makeCore([])
        let server = try SimServer(core: core, credentials: SimCredentials(username: "eru", password: "pw"))
        let channel = Channel(target: "127.0.0.1:\(server.port)")
        defer { channel.close() }
        let request = Empty().wireBytes()

        let noUser = await failure { () async throws(GRPCStatus) in
            try await channel.unary(CoreMethod.info, request: request, timeout: .seconds(5))
        }
        let badPassword = await failure { () async throws(GRPCStatus) in
            try await channel.unary(CoreMethod.info, request: request, metadata: [("eru", "no")], timeout: .seconds(5))
        }
        let control = try await channel.unary(SimServer.controlMethod, request: Array("fail ListWorkloads 1".utf8), timeout: .seconds(5))
        let list = channel.serverStream(CoreMethod.listWorkloads, request: ListWorkloadsOptions().wireBytes(), metadata: [("eru", "pw")])
        let listFailure = await failure { () async throws(GRPCStatus) in try await list.next() }
        let info = try CoreInfo(wire: try await channel.unary(CoreMethod.info, request: request, metadata: [("eru", "pw")], timeout: .seconds(5)))
        await server.stop()

        #expect(noUser == GRPCStatus(.unknown, "invalid grpc username"))
        #expect(badPassword == GRPCStatus(.unknown, "invalid grpc password"))
        #expect(String(decoding: control, as: UTF8.self) == "ok")
        #expect(listFailure?.message == "erusim: injected failure")
        #expect([StatusCode.unknown, StatusCode(rawValue: 1053)].contains(listFailure?.code))
        #expect(info.version == "erusim" && info.identifier.count == 64)
    }
}

/// The status a call fails with, nil when it succeeds.
func failure<T>(_ call: () async throws(GRPCStatus) -> T) async -> GRPCStatus? {
    do {
        _ = try await call()
        return nil
    } catch {
        return error
    }
}
