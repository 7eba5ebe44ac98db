import Foundation
import GRPCCore
import Testing

/// The core's backup poller is off (`GRPCLibrary.environmentDefaults`); connecting and
/// reconnecting must still work, because the channel's own completion-queue thread polls.
@Suite(.timeLimit(.minutes(1))) struct ReconnectTests {
    @Test func theBackupPollerIsSwitchedOffBeforeTheCoreStarts() {
        let channel = Channel(target: "127.0.0.1:1")
        defer { channel.close() }

        let value = getenv("GRPC_CLIENT_CHANNEL_BACKUP_POLL_INTERVAL_MS").map { String(cString: $0) }
        #expect(value == "0")
    }

    @Test func aWaitForReadyCallMadeBeforeTheServerStartsCompletesOnceItListens() async throws {
        let probe = try Server()
        let port = probe.port
        await probe.shutdown(gracePeriod: .zero)
        var options = ChannelOptions()
        options.initialReconnectBackoff = .milliseconds(100)
        options.maxReconnectBackoff = .milliseconds(500)
        let channel = Channel(target: "127.0.0.1:\(port)", options: options)
        defer { channel.close() }

        let call = Task {
            try await channel.unary("/test.Echo/Unary", request: [7, 8, 9], timeout: .seconds(20), waitForReady: true)
        }
        // Several connection attempts fail before anything listens.
        try await Task.sleep(for: .milliseconds(800))
        #expect([.transientFailure, .connecting].contains(channel.connectivityState()))
        let server = try Server(port: port)
        server.registerUnary("/test.Echo/Unary") { _, request in request }
        server.start()
        let clock = ContinuousClock()
        let started = clock.now

        let response = try await call.value

        #expect(response == [7, 8, 9])
        // Within one backoff period (plus slack for a loaded machine), not after a poll interval.
        #expect(clock.now - started < .seconds(3))
        await server.shutdown(gracePeriod: .seconds(1))
    }
}
