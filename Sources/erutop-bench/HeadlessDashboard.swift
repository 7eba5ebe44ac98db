import Curses
import Dashboard
import ErutopApp
import Foundation
import Render
import Wire

/// The dashboard's data path with a headless terminal in place of the tty: the real
/// `CoreClient`, `FeedController`, `Inbox`, `DashboardState`, `Renderer` and `Presenter`,
/// paced like `DashboardLoop` (a frame at most every `DashboardLoop.frameInterval` while
/// data comes in; the thread sleeps in poll on the waker otherwise).
final class HeadlessDashboard {
    /// What one drawn frame carried.
    struct FrameReport {
        /// Stream messages applied since the previous frame.
        var messages: [StatusUpdate]
        /// When the frame was flushed to the terminal, CLOCK_MONOTONIC nanoseconds (the clock
        /// erusim's load stamps use).
        var flushedAt: UInt64
        /// Whether the table holds a full listing and follows the stream.
        var live: Bool
    }

    private let client: CoreClient
    private let terminal: Terminal

    init(address: String, terminal: Terminal) {
        client = CoreClient(address: address)
        self.terminal = terminal
    }

    /// Follows the core until `finished` returns true (checked after each frame and each wake).
    /// `onMessages` hears how many stream messages each drain of the inbox applied, and when;
    /// `onFrame` sees every frame drawn.
    func run(
        onMessages: (Int, ContinuousClock.Instant) -> Void, onFrame: (FrameReport) -> Void, finished: () -> Bool
    ) throws {
        let waker = try Waker()
        let inbox = Inbox { waker.wake() }
        let feed = FeedController(client: client, inbox: inbox, log: .disabled)
        var state = DashboardState(address: client.address, filters: Filters())
        let presenter = Presenter()
        feed.start(filters: Filters())
        defer {
            feed.cancel()
            client.close()
        }

        let interval = DashboardLoop.frameInterval
        var pending: [StatusUpdate] = []
        var dirty = true
        var lastFrame = ContinuousClock.now - interval
        while !finished() {
            let sinceFrame = ContinuousClock.now - lastFrame
            if dirty, sinceFrame >= interval {
                let size = terminal.size
                let frame = state.frame(rows: size.rows, now: Date())
                presenter.present(Renderer.render(frame, rows: size.rows, cols: size.cols, cache: presenter.renderCache), on: terminal)
                lastFrame = .now
                dirty = false
                onFrame(FrameReport(messages: pending, flushedAt: monotonicNanoseconds(), live: state.merger.isFresh))
                pending.removeAll(keepingCapacity: true)
                continue
            }
            let timeout = dirty ? DashboardLoop.milliseconds(interval - sinceFrame) : 100
            _ = terminal.wait(timeoutMilliseconds: timeout, waker: waker)
            waker.drain()
            let events = inbox.drain()
            let before = pending.count
            for case .messages(_, let messages, _) in events {
                pending.append(contentsOf: messages)
            }
            if state.apply(events) { dirty = true }
            if pending.count > before { onMessages(pending.count - before, .now) }
        }
    }
}

/// CLOCK_MONOTONIC in nanoseconds.
func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}
