import Dashboard
import Foundation
import Synchronization
import Testing

@testable import ErutopApp

/// What runs while nothing happens: the listing's watchdog and the dashboard's poll timeout.
@Suite(.timeLimit(.minutes(1))) struct IdleTests {
    /// Counts `onIdle` calls.
    private final class Counter: Sendable {
        private let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
        func add() { count.withLock { $0 += 1 } }
    }

    /// Polls `condition` every 10 ms until it holds or `limit` passed.
    private func eventually(within limit: Duration = .seconds(5), _ condition: () -> Bool) async -> Bool {
        let end = ContinuousClock.now + limit
        while ContinuousClock.now < end {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    @Test func aWatchdogThatIsNeverTouchedFiresOnceAfterItsTimeout() async throws {
        let calls = Counter()
        let start = ContinuousClock.now
        let watchdog = IdleWatchdog(timeout: .milliseconds(150)) { calls.add() }
        defer { watchdog.stop() }

        #expect(await eventually { watchdog.fired })
        #expect(ContinuousClock.now - start >= .milliseconds(150))
        try await Task.sleep(for: .milliseconds(300))
        #expect(calls.value == 1)
    }

    @Test func touchingTheWatchdogPostponesItUntilTheTouchesStop() async throws {
        let calls = Counter()
        let watchdog = IdleWatchdog(timeout: .milliseconds(300)) { calls.add() }
        defer { watchdog.stop() }

        for _ in 0..<8 {
            try await Task.sleep(for: .milliseconds(100))
            watchdog.touch()
        }
        #expect(!watchdog.fired)
        let lastTouch = ContinuousClock.now

        #expect(await eventually { watchdog.fired })
        #expect(ContinuousClock.now - lastTouch >= .milliseconds(300))
        #expect(calls.value == 1)
    }

    @Test func aStoppedWatchdogNeverFires() async throws {
        let calls = Counter()
        let watchdog = IdleWatchdog(timeout: .milliseconds(100)) { calls.add() }
        watchdog.stop()

        try await Task.sleep(for: .milliseconds(400))

        #expect(!watchdog.fired)
        #expect(calls.value == 0)
    }

    @Test func anIdleDashboardPollsWithoutTimeoutUnlessTheScreenCountsSeconds() {
        var state = DashboardState(address: "127.0.0.1:5001", filters: Filters())
        _ = state.apply([.subscribed(generation: 1), .listed(generation: 1, workloads: [], Date()), .connection(.live)])
        #expect(DashboardLoop.idleTimeout(state) == -1)

        _ = state.apply([.connection(.reconnecting(attempt: 1, nextRetry: Date() + 2, lastError: "gone"))])
        #expect(DashboardLoop.idleTimeout(state) == 1000)
    }
}
