import Curses
import Dashboard
import Foundation
import Reconcile
import Render

/// The interactive dashboard: one thread owns the terminal and the table; the feed posts events
/// into an inbox and wakes it through a pipe, and so does the worker that builds new orders
/// for a sort or search over a large table. Data redraws are capped at about 30 frames a
/// second; keys redraw at once; with nothing to do the thread sleeps in poll.
///
/// Public only for `frameInterval` and `milliseconds(_:)`, which `erutop-bench` paces its
/// headless copy of the data path by.
public final class DashboardLoop {
    public static let frameInterval = Duration.milliseconds(33)

    private let options: Options
    private let client: CoreClient
    private let log: EventLog
    private let sets: [ReplicaSetSpec]

    init(options: Options, client: CoreClient, log: EventLog, sets: [ReplicaSetSpec]) {
        self.options = options
        self.client = client
        self.log = log
        self.sets = sets
    }

    /// Runs until the operator quits; returns the exit status.
    func run() -> Int32 {
        let terminal: Terminal
        let waker: Waker
        do {
            waker = try Waker()
            terminal = try Terminal.open(colors: Self.colorsWanted())
        } catch {
            printError("cannot use the terminal: \(error) (try --once for plain output)")
            return 1
        }
        TerminalGuard.install()
        defer { terminal.close() }

        let inbox = Inbox { waker.wake() }
        let feed = FeedController(client: client, inbox: inbox, log: log)
        var state = DashboardState(address: client.address, filters: options.filters)
        state.readOnly = options.readOnly
        state.hasReplicaSets = !sets.isEmpty
        let session = sets.isEmpty ? nil : ReconcileSession(sets: sets, client: client, log: log) { waker.wake() }
        let presenter = Presenter()
        let orders = OrderWorker { waker.wake() }
        feed.start(filters: options.filters, sort: state.merger.table.sort)
        session?.start()
        defer { session?.cancel() }
        log.write(.info, "dashboard started", ["eru": client.address])

        var dirty = true
        var lastFrame = ContinuousClock.now - Self.frameInterval
        var lastClockSecond = Int(Date().timeIntervalSince1970)
        while true {
            let sinceFrame = ContinuousClock.now - lastFrame
            if dirty, sinceFrame >= Self.frameInterval {
                draw(&state, terminal: terminal, presenter: presenter)
                lastFrame = .now
                dirty = false
            }
            let timeout = dirty ? Self.milliseconds(Self.frameInterval - sinceFrame) : Self.idleTimeout(state)
            _ = terminal.wait(timeoutMilliseconds: timeout, waker: waker)
            waker.drain()

            var keyPressed = false
            for key in terminal.readKeys() {
                keyPressed = true
                if key == .resize || key == .character("\u{0C}") { presenter.invalidate() }
                switch state.handle(key) {
                case .quit:
                    feed.cancel()
                    log.write(.info, "dashboard quit")
                    return 0
                case .resubscribe(let filters):
                    log.write(.info, "filters changed", ["filters": "\(filters)"])
                    feed.start(filters: filters, sort: state.merger.requestedSort)
                case .planReconcile:
                    session?.plan(filters: state.filters)
                case .executeReconcile(let plan):
                    log.write(.info, "reconcile confirmed", ["plan": JSONLineWriter.line(for: .planned(plan: plan, at: Date()))])
                    session?.execute(plan, filters: state.filters)
                case .redraw, .none:
                    break
                }
            }
            if let built = orders.take() {
                let (changed, leftovers) = state.finishOrder(built)
                orders.discard(leftovers)
                if changed { dirty = true }
            }
            if let job = state.takeOrderJob() { orders.submit(job) }
            // While a sort or search job still reads the rows, the feed waits in the inbox.
            if !orders.holdsRows, state.apply(inbox.drain()) { dirty = true }
            if let session {
                let (changed, updates) = session.drain()
                for update in updates { state.apply(update) }
                if changed || !updates.isEmpty {
                    state.replicaLines = session.lines(for: state.filters, now: Date())
                    dirty = true
                }
            }
            let second = Int(Date().timeIntervalSince1970)
            if second != lastClockSecond, Self.showsClock(state) {
                lastClockSecond = second
                // Grace periods and backoffs run out with time, not with events.
                if let session { state.replicaLines = session.lines(for: state.filters, now: Date()) }
                dirty = true
            }
            if keyPressed {
                // Keys bypass the frame cap so typing stays instant.
                draw(&state, terminal: terminal, presenter: presenter)
                lastFrame = .now
                dirty = false
            }
        }
    }

    private func draw(_ state: inout DashboardState, terminal: Terminal, presenter: Presenter) {
        let size = terminal.size
        let frame = state.frame(rows: size.rows, now: Date())
        presenter.present(Renderer.render(frame, rows: size.rows, cols: size.cols, cache: presenter.renderCache), on: terminal)
    }

    /// NO_COLOR (any non-empty value, see no-color.org) turns colours off.
    static func colorsWanted() -> Bool {
        (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }

    /// While something on screen counts seconds, wake every second; otherwise sleep until woken
    /// (-1: poll without a timeout). Keys, resizes (through the resize relay's pipe, so none is
    /// missed) and feed events all wake poll, so an idle dashboard makes no wake-up of its own.
    static func idleTimeout(_ state: DashboardState) -> Int32 {
        showsClock(state) ? 1000 : -1
    }

    static func showsClock(_ state: DashboardState) -> Bool {
        if case .reconnecting = state.connection { return true }
        if case .detail = state.mode { return true }
        return state.staleSince != nil || state.hasReplicaSets
    }

    /// `duration` in whole milliseconds, clamped to a poll timeout.
    public static func milliseconds(_ duration: Duration) -> Int32 {
        let ms = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(ms, 0))
    }
}
