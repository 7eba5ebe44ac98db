import GRPCCore
import Testing

/// The server's pipelined write path: `send` returns before the message is written, so these
/// check what that must not change: order, the status after the last message, backpressure,
/// and cancellation.
@Suite(.timeLimit(.minutes(1))) struct PipelineTests {
    /// Message `position` of a burst: its index, padded so that every 25th is 64 KiB (larger
    /// than the core's write buffer) and the others are small.
    static func burstMessage(_ position: Int) -> [UInt8] {
        indexBytes(position) + [UInt8](repeating: UInt8(truncatingIfNeeded: position), count: position % 25 == 0 ? 64 << 10 : 12)
    }

    @Test(arguments: [StatusCode.ok, StatusCode.aborted])
    func aHandlerReturningRightAfterItsSendsDeliversThemAllBeforeTheStatus(final: StatusCode) async throws {
        let returned = Box(false)
        try await withEchoServer({ server in
            server.registerServerStreaming("/test.Pipe/Burst") { _, _, writer in
                // Fewer than the outbound queue holds: no send waits, the handler ends at once.
                for position in 0..<100 { try await writer.send(Self.burstMessage(position)) }
                returned.current = true
                if final != .ok { throw GRPCStatus(final, "after the burst") }
            }
        }) { channel, _ in
            let call = channel.serverStream("/test.Pipe/Burst", request: [])
            #expect(await eventually { returned.current })
            var received: [[UInt8]] = []

            let status = await thrownStatus {
                while let message = try await call.next() { received.append(message) }
            }

            #expect(received == (0..<100).map(Self.burstMessage))
            #expect(status == (final == .ok ? nil : GRPCStatus(final, "after the burst")))
        }
    }

    @Test func aStalledConsumerStopsTheSenderFromQueueingWithoutBound() async throws {
        let sent = Box(0)
        let total = 10_000_000
        try await withEchoServer({ server in
            server.registerServerStreaming("/test.Pipe/Flood") { _, _, writer in
                for position in 0..<total {
                    try await writer.send(indexBytes(position))
                    sent.current = position + 1
                }
            }
        }) { channel, _ in
            let call = channel.serverStream("/test.Pipe/Flood", request: [])
            let first = try await call.next()
            #expect(first.map(index(of:)) == 0)

            let stalledAt = await settledValue(of: { sent.current })

            #expect(stalledAt.map { $0 < total / 10 } == true)
            for expected in 1...1000 {
                let message = try await call.next()
                #expect(message.map(index(of:)) == expected)
            }
            call.cancel()
        }
    }

    @Test func cancellingMidStreamMakesTheWaitingSendThrowCancelled() async throws {
        let sent = Box(0)
        let outcome = Box<GRPCStatus?>(nil)
        try await withEchoServer({ server in
            server.registerServerStreaming("/test.Pipe/Stuck") { _, _, writer in
                let chunk = [UInt8](repeating: 0xCD, count: 16 << 10)
                outcome.current = await thrownStatus {
                    while true {
                        try await writer.send(chunk)
                        sent.current += 1
                    }
                }
            }
        }) { channel, _ in
            let call = channel.serverStream("/test.Pipe/Stuck", request: [])
            _ = try await call.next()
            #expect(await settledValue(of: { sent.current }) != nil)  // the handler waits in send
            #expect(outcome.current == nil)

            call.cancel()

            #expect(await eventually { outcome.current?.code == .cancelled })
        }
    }
}
