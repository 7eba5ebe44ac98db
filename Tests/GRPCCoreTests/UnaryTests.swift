import GRPCCore
import Testing

@Suite(.timeLimit(.minutes(1))) struct UnaryTests {
    @Test func unaryCallEchoesTheRequest() async throws {
        try await withEchoServer({ $0.registerUnary("/test.Echo/Unary") { _, request in request } }) { channel, _ in
            let response = try await channel.unary("/test.Echo/Unary", request: [1, 2, 3, 0, 255], timeout: .seconds(5))

            #expect(response == [1, 2, 3, 0, 255])
        }
    }

    @Test func emptyRequestAndResponseRoundTrip() async throws {
        try await withEchoServer({ $0.registerUnary("/test.Echo/Unary") { _, request in request } }) { channel, _ in
            let response = try await channel.unary("/test.Echo/Unary", request: [], timeout: .seconds(5))
            #expect(response == [])
        }
    }

    @Test func customMetadataReachesTheHandler() async throws {
        let seen = Box<[String]>([])
        try await withEchoServer({ server in
            server.registerUnary("/test.Echo/Who") { context, _ in
                seen.current = context.metadata.map { "\($0.key): \($0.value)" }
                return Array(context.peer.utf8)
            }
        }) { channel, _ in
            let peer = try await channel.unary(
                "/test.Echo/Who", request: [], metadata: [(key: "alice", value: "s3cret pass")], timeout: .seconds(5))

            #expect(seen.current.contains("alice: s3cret pass"))
            #expect(String(decoding: peer, as: UTF8.self).contains("127.0.0.1"))
        }
    }

    @Test func handlerThrowingAStatusSendsThatStatus() async throws {
        try await withEchoServer({ server in
            server.registerUnary("/test.Echo/Fail") { _, _ in throw GRPCStatus(.notFound, "no such pod: ポッド") }
        }) { channel, _ in
            await #expect(throws: GRPCStatus(.notFound, "no such pod: ポッド")) {
                try await channel.unary("/test.Echo/Fail", request: [], timeout: .seconds(5))
            }
        }
    }

    @Test func handlerThrowingAnotherErrorSendsUnknown() async throws {
        struct Broken: Error, CustomStringConvertible { var description: String { "broken pipe dream" } }
        try await withEchoServer({ server in
            server.registerUnary("/test.Echo/Fail") { _, _ in throw Broken() }
        }) { channel, _ in
            await #expect(throws: GRPCStatus(.unknown, "broken pipe dream")) {
                try await channel.unary("/test.Echo/Fail", request: [], timeout: .seconds(5))
            }
        }
    }

    @Test func unknownMethodFailsWithUnimplemented() async throws {
        try await withEchoServer({ _ in }) { channel, _ in
            let status = await thrownStatus {
                _ = try await channel.unary("/test.Echo/Missing", request: [1], timeout: .seconds(5))
            }

            #expect(status == GRPCStatus(.unimplemented, "unknown method /test.Echo/Missing"))
        }
    }

    @Test func slowHandlerFailsWithDeadlineExceeded() async throws {
        let handlerCancelled = Box(false)
        try await withEchoServer({ server in
            server.registerUnary("/test.Echo/Slow") { context, request in
                try? await Task.sleep(for: .seconds(10))
                handlerCancelled.current = context.isCancelled
                return request
            }
        }) { channel, _ in
            let clock = ContinuousClock()
            let start = clock.now
            let status = await thrownStatus {
                _ = try await channel.unary("/test.Echo/Slow", request: [], timeout: .milliseconds(300))
            }

            #expect(status?.code == .deadlineExceeded)
            #expect(clock.now - start < .seconds(2))
            #expect(await eventually { handlerCancelled.current })
        }
    }

    @Test func callToAPortWithoutServerFailsQuicklyWithUnavailable() async throws {
        let probe = try Server()
        let freePort = probe.port
        await probe.shutdown(gracePeriod: .zero)
        let channel = Channel(target: "127.0.0.1:\(freePort)")
        let clock = ContinuousClock()
        let start = clock.now

        let status = await thrownStatus {
            _ = try await channel.unary("/test.Echo/Unary", request: [], timeout: .seconds(5))
        }

        #expect(status?.code == .unavailable)
        #expect(clock.now - start < .seconds(2))
        channel.close()
    }

    @Test func callOnAClosedChannelFailsWithUnavailable() async throws {
        let channel = Channel(target: "127.0.0.1:1")
        channel.close()

        await #expect(throws: GRPCStatus(.unavailable, "channel closed")) {
            try await channel.unary("/test.Echo/Unary", request: [], timeout: .seconds(1))
        }
    }
}
