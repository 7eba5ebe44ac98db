import Curses
import Dashboard
import Dispatch
import Foundation
import Testing
import Wire

@testable import ErutopApp

/// A sort or search over a table too large to re-sort between two keys: the previous order
/// stays on screen, says it is being replaced, and keys keep working until the new one is taken.
@Suite struct BackgroundOrderTests {
    private static let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    /// Enough rows that a new order is built as a job.
    private static let half = FeedMerger.synchronousOrderLimit / 2 + 1

    private static func workload(_ n: Int, app: String) -> Workload {
        var workload = Workload()
        workload.id = String(repeating: "b", count: 57) + String(format: "%07d", n)
        workload.name = "\(app)_web_x\(n)"
        workload.nodename = "node-\(n % 7)"
        var status = WorkloadStatus()
        status.id = workload.id
        status.running = n % 3 != 0
        status.healthy = n % 5 != 0
        workload.status = status
        return workload
    }

    /// A live state with `half` rows of app demo and `half` of app billing.
    private static func largeState() -> DashboardState {
        var state = DashboardState(address: "127.0.0.1:5001", filters: Filters())
        let rows = (0..<half).map { workload($0, app: "demo") } + (0..<half).map { workload(half + $0, app: "billing") }
        _ = state.apply([.subscribed(generation: 1), .listed(generation: 1, workloads: rows, t0), .connection(.live)])
        _ = state.frame(rows: 30, now: t0)
        return state
    }

    private static func takeJob(_ state: inout DashboardState) throws -> OrderJob {
        let job = state.takeOrderJob()
        return try #require(job)
    }

    @Test func aSortKeepsThePreviousOrderOnScreenAndKeysWorkingUntilTheNewOneIsTaken() throws {
        var state = Self.largeState()
        let shownBefore = state.frame(rows: 30, now: Self.t0).rows.map(\.id)

        let effect = state.handle(.character("s"))
        let pendingFrame = state.frame(rows: 30, now: Self.t0)
        _ = state.handle(.character("j"))
        _ = state.handle(.character("j"))
        let selected = try #require(state.view.selectedID)
        let job = try Self.takeJob(&state)
        let changed = state.finishOrder(job.run()).changed
        let doneFrame = state.frame(rows: 30, now: Self.t0)

        #expect(effect == .redraw)
        #expect(pendingFrame.flash == "sorting by status↑…")
        #expect(pendingFrame.sortDescription == "name↑")
        #expect(pendingFrame.rows.map(\.id) == shownBefore)
        #expect(selected == shownBefore[2])
        #expect(state.takeOrderJob() == nil)
        #expect(changed)
        #expect(doneFrame.sortDescription == "status↑")
        #expect(doneFrame.flash == nil)
        #expect(state.view.selectedID == selected)
        #expect(state.merger.table.order[state.view.selectedIndex] == selected)
    }

    @Test func aSecondSortKeyWhileTheFirstIsBuiltSupersedesIt() throws {
        var state = Self.largeState()

        _ = state.handle(.character("s"))
        let first = try Self.takeJob(&state)
        _ = state.handle(.character("s"))
        let second = try Self.takeJob(&state)
        let lateChanged = state.finishOrder(first.run()).changed
        let sortAfterLate = state.merger.table.sort
        let changed = state.finishOrder(second.run()).changed

        #expect(!lateChanged)
        #expect(sortAfterLate == TableSort())
        #expect(changed)
        #expect(state.merger.table.sort == TableSort(column: .node))
    }

    @Test func aSearchSaysSoUntilItsRowsAreShown() throws {
        var state = Self.largeState()

        _ = state.handle(.character("/"))
        for character in "billing" { _ = state.handle(.character(character)) }
        let effect = state.handle(.enter)
        let pendingFrame = state.frame(rows: 30, now: Self.t0)
        _ = state.handle(.character("/"))
        let prompt = state.frame(rows: 30, now: Self.t0).prompt
        _ = state.handle(.escape)
        let job = try Self.takeJob(&state)
        _ = state.finishOrder(job.run()).changed
        let doneFrame = state.frame(rows: 30, now: Self.t0)

        #expect(effect == .redraw)
        #expect(pendingFrame.flash == "searching \"billing\"…")
        #expect(pendingFrame.filters.search == "")
        #expect(pendingFrame.counts.total == 2 * Self.half)
        #expect(prompt?.text == "billing")
        #expect(doneFrame.filters.search == "billing")
        #expect(doneFrame.counts.total == Self.half)
        #expect(doneFrame.rows.allSatisfy { $0.appname == "billing" })
    }

    @Test func theWorkerRunsAJobOffTheCallingThreadLetsGoOfTheRowsAndReportsTheResultOnce() throws {
        var state = Self.largeState()
        _ = state.handle(.character("S"))
        let job = try Self.takeJob(&state)
        let done = DispatchSemaphore(value: 0)
        let worker = OrderWorker { done.signal() }

        worker.submit(job)
        var built: BuiltOrder?
        // Woken once when the job lets go of the rows, once when its result is ready.
        while built == nil, done.wait(timeout: .now() + 30) == .success {
            built = worker.take()
        }
        let again = worker.take()

        #expect(!worker.holdsRows)
        #expect(built?.ticket == job.ticket)
        #expect(again == nil)
        #expect(state.finishOrder(try #require(built)).changed)
        #expect(state.merger.table.sort == TableSort(column: .name, ascending: false))
    }
}
