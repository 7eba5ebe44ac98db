import GRPCCore
import Testing

@Suite struct ServerSetupTests {
    @Test(arguments: ["0.0.0.0", "10.1.2.3", "::", "example.com", "192.168.0.1"])
    func serverRefusesNonLoopbackHosts(host: String) {
        #expect(throws: GRPCStatus.self) { try Server(host: host, port: 0) }
        do {
            _ = try Server(host: host, port: 0)
        } catch {
            #expect(error.code == .invalidArgument)
        }
    }

    @Test(arguments: ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
    func serverListensOnLoopbackHosts(host: String) async throws {
        let server = try Server(host: host, port: 0)
        server.start()

        #expect(server.port > 0)

        await server.shutdown(gracePeriod: .zero)
    }

    @Test func bindingAPortInUseFailsWithUnavailableAndTheCoreLogIsCaptured() async throws {
        let first = try Server(host: "127.0.0.1", port: 0)
        first.start()

        #expect(throws: GRPCStatus(.unavailable, "cannot listen on 127.0.0.1:\(first.port)")) {
            try Server(host: "127.0.0.1", port: first.port)
        }
        #expect(GRPCLog.recent().contains { $0.contains("Address already in use") })

        await first.shutdown(gracePeriod: .zero)
    }

    @Test func shutdownOfAServerThatNeverStartedReturns() async throws {
        let server = try Server()

        await server.shutdown(gracePeriod: .zero)
        await server.shutdown(gracePeriod: .zero)
    }

    @Test func channelReportsReadyAfterConnectingAndShutdownAfterClose() async throws {
        try await withEchoServer({ _ in }) { channel, _ in
            #expect(await eventually { channel.connectivityState(tryToConnect: true) == .ready })

            channel.close()
            channel.close()

            #expect(channel.connectivityState() == .shutdown)
        }
    }
}
