import GRPCCore
import Testing

@Suite(.timeLimit(.minutes(1))) struct StreamTests {
    /// Streams as many indexed messages as the request's `indexBytes` say.
    static func register(_ server: Server) {
        server.registerServerStreaming("/test.Echo/Count") { _, request, writer in
            for position in 0..<index(of: request) { try await writer.send(indexBytes(position)) }
        }
    }

    @Test func streamDeliversAllMessagesThenEndsWithNil() async throws {
        try await withEchoServer(Self.register) { channel, _ in
            let call = channel.serverStream("/test.Echo/Count", request: indexBytes(100))
            var received: [Int] = []

            while let message = try await call.next() { received.append(index(of: message)) }

            #expect(received == Array(0..<100))
            let afterEnd = try await call.next()
            #expect(afterEnd == nil)
        }
    }

    @Test func batchesDeliverEveryMessageInOrderWithinTheLimitThenEndEmpty() async throws {
        try await withEchoServer(Self.register) { channel, _ in
            let call = channel.serverStream("/test.Echo/Count", request: indexBytes(500))
            var received: [Int] = []
            var largest = 0

            while case let batch = try await call.nextBatch(limit: 7), !batch.isEmpty {
                largest = max(largest, batch.count)
                received += batch.map(index(of:))
            }

            #expect(received == Array(0..<500))
            #expect(largest <= 7)
            let afterEnd = try await call.nextBatch(limit: 7)
            #expect(afterEnd.isEmpty)
        }
    }

    @Test func streamEndsWithTheHandlersCustomStatusAndNonASCIIMessage() async throws {
        let custom = StatusCode(rawValue: 1053)
        try await withEchoServer({ server in
            server.registerServerStreaming("/test.Echo/Fail") { _, _, writer in
                try await writer.send([7])
                throw GRPCStatus(custom, "容器が停止しました — arrêté")
            }
        }) { channel, _ in
            let call = channel.serverStream("/test.Echo/Fail", request: [])

            let first = try await call.next()
            #expect(first == [7])
            await #expect(throws: GRPCStatus(custom, "容器が停止しました — arrêté")) {
                try await call.next()
            }
        }
    }

    @Test func unknownStreamingMethodFailsWithUnimplemented() async throws {
        try await withEchoServer({ _ in }) { channel, _ in
            let call = channel.serverStream("/test.Echo/Missing", request: [])
            let status = await thrownStatus { _ = try await call.next() }

            #expect(status?.code == .unimplemented)
        }
    }

    @Test func cancelFromAnotherTaskEndsTheStreamOnBothSides() async throws {
        let sawCancel = Box(false)
        let sendThrew = Box(false)
        try await withEchoServer({ server in
            server.registerServerStreaming("/test.Echo/Forever") { context, _, writer in
                let status = await thrownStatus {
                    while true {
                        try await writer.send([1])
                        try? await Task.sleep(for: .milliseconds(20))
                    }
                }
                sendThrew.current = status?.code == .cancelled
                sawCancel.current = context.isCancelled
            }
        }) { channel, _ in
            let call = channel.serverStream("/test.Echo/Forever", request: [])
            let first = try await call.next()
            #expect(first == [1])

            let canceller = Task {
                try await Task.sleep(for: .milliseconds(100))
                call.cancel()
            }
            let outcome = await thrownStatus { while try await call.next() != nil {} }
            try await canceller.value

            #expect(outcome?.code == .cancelled)
            #expect(await eventually { sawCancel.current && sendThrew.current })
            call.cancel()  // harmless after the end
        }
    }

    @Test func streamDeadlineEndsWithDeadlineExceeded() async throws {
        try await withEchoServer({ server in
            server.registerServerStreaming("/test.Echo/Quiet") { _, _, _ in
                try await Task.sleep(for: .seconds(10))
            }
        }) { channel, _ in
            let call = channel.serverStream("/test.Echo/Quiet", request: [], timeout: .milliseconds(200))
            let status = await thrownStatus { _ = try await call.next() }

            #expect(status?.code == .deadlineExceeded)
        }
    }

    @Test func serverShutdownMidStreamEndsTheClientStreamWithAnError() async throws {
        let server = try Server()
        server.registerServerStreaming("/test.Echo/Forever") { _, _, writer in
            while true {
                try await writer.send([2])
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        server.start()
        let channel = Channel(target: "127.0.0.1:\(server.port)")
        let call = channel.serverStream("/test.Echo/Forever", request: [])
        let first = try await call.next()
        #expect(first == [2])

        await server.shutdown(gracePeriod: .milliseconds(100))
        let outcome = await thrownStatus { while try await call.next() != nil {} }

        #expect(outcome != nil && outcome?.code != .ok)
        channel.close()
    }

    @Test func closingTheChannelEndsItsLiveStream() async throws {
        try await withEchoServer({ server in
            server.registerServerStreaming("/test.Echo/Quiet") { _, _, _ in try await Task.sleep(for: .seconds(10)) }
        }) { channel, _ in
            let call = channel.serverStream("/test.Echo/Quiet", request: [])
            let reader = Task { await thrownStatus { _ = try await call.next() }?.code }
            try await Task.sleep(for: .milliseconds(100))

            channel.close()

            #expect(await reader.value == .cancelled)
        }
    }

    @Test func streamKeepsOrderOverManyPipelinedMessages() async throws {
        try await withEchoServer(Self.register) { channel, _ in
            let call = channel.serverStream("/test.Echo/Count", request: indexBytes(50_000))
            let clock = ContinuousClock()
            let start = clock.now
            var expected = 0
            var inOrder = true

            while let message = try await call.next() {
                inOrder = inOrder && index(of: message) == expected
                expected += 1
            }

            let elapsed = clock.now - start
            #expect(inOrder)
            #expect(expected == 50_000)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("streamed \(expected) messages in \(elapsed): \(Int(Double(expected) / seconds)) msg/s")
        }
    }

    @Test func aConsumerThatStopsReadingStopsTheSender() async throws {
        let sent = Box(0)
        try await withEchoServer({ server in
            server.registerServerStreaming("/test.Echo/Big") { _, _, writer in
                let chunk = [UInt8](repeating: 0xAB, count: 64 << 10)
                for _ in 0..<1000 {
                    try await writer.send(chunk)
                    sent.current += 1
                }
            }
        }) { channel, _ in
            let call = channel.serverStream("/test.Echo/Big", request: [])
            let first = try await call.next()
            #expect(first?.count == 64 << 10)

            try await Task.sleep(for: .milliseconds(500))

            #expect(sent.current < 500)  // 64 MiB would be sent without backpressure
            call.cancel()
        }
    }
}
