import Glibc
import Testing

@testable import Curses

/// The self-pipe on its own, polled directly.
@Suite struct WakerTests {
    private func isReadable(_ waker: Waker) -> Bool {
        var descriptor = pollfd(fd: waker.fileDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) == 1
    }

    @Test func freshWakerIsQuiet() throws {
        let waker = try Waker()

        #expect(!isReadable(waker))
    }

    @Test func wakeMakesItReadableAndDrainQuietsIt() throws {
        let waker = try Waker()

        waker.wake()
        waker.wake()
        #expect(isReadable(waker))

        waker.drain()
        #expect(!isReadable(waker))
    }

    @Test func wakeAfterDrainSignalsAgain() throws {
        let waker = try Waker()
        waker.wake()
        waker.drain()

        waker.wake()

        #expect(isReadable(waker))
    }
}
