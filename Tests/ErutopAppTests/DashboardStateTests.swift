import Curses
import Dashboard
import Foundation
import Reconcile
import Render
import Testing
import Wire

@testable import ErutopApp

@Suite struct DashboardStateTests {
    private static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    private func workload(_ n: Int, app: String = "demo", node: String = "node-1") -> Workload {
        var workload = Workload()
        workload.id = String(repeating: "a", count: 57) + String(format: "%07d", n)
        workload.name = "\(app)_web_x\(n)"
        workload.nodename = node
        var status = WorkloadStatus()
        status.id = workload.id
        status.running = true
        status.healthy = true
        workload.status = status
        return workload
    }

    /// A state that went live with `count` rows of app demo and `count` of app billing.
    private func liveState(_ count: Int = 3) -> DashboardState {
        var state = DashboardState(address: "127.0.0.1:5001", filters: Filters())
        let rows = (0..<count).map { workload($0) } + (0..<count).map { workload(100 + $0, app: "billing") }
        _ = state.apply([.subscribed(generation: 1), .listed(generation: 1, workloads: rows, Self.t0), .connection(.live)])
        _ = state.frame(rows: 30, now: Self.t0)
        return state
    }

    private func type(_ text: String, into state: inout DashboardState) -> [DashboardState.Effect] {
        text.map { state.handle(.character($0)) }
    }

    @Test func aFilterPromptOwnsEveryKeyUntilEnter() {
        var state = liveState()

        #expect(state.handle(.character("a")) == .redraw)
        let typed = type("q?cj", into: &state)
        let effect = state.handle(.enter)

        #expect(typed.allSatisfy { $0 == .redraw })
        #expect(effect == .resubscribe(Filters(appname: "q?cj")))
        #expect(state.prompt == nil)
    }

    @Test func escapeCancelsAPromptAndKeepsTheFilters() {
        var state = liveState()

        _ = state.handle(.character("n"))
        _ = type("node-9", into: &state)
        let effect = state.handle(.escape)

        #expect(effect == .redraw)
        #expect(state.filters == Filters())
    }

    @Test func promptEditingMovesTheCursorAndDeletes() {
        var state = liveState()

        _ = state.handle(.character("a"))
        _ = type("demx", into: &state)
        _ = state.handle(.backspace)
        _ = state.handle(.character("o"))
        _ = state.handle(.home)
        _ = state.handle(.deleteForward)
        _ = state.handle(.character("d"))

        #expect(state.prompt.map { String($0.text) } == "demo")
    }

    @Test func searchFiltersOnTheClientWithoutResubscribing() {
        var state = liveState()

        _ = state.handle(.character("/"))
        _ = type("billing", into: &state)
        let effect = state.handle(.enter)

        #expect(effect == .redraw)
        #expect(state.merger.table.order.count == 3)
    }

    @Test func badLabelsFlashAMessageAndChangeNothing() {
        var state = liveState()

        _ = state.handle(.character("l"))
        _ = type("novalue", into: &state)
        _ = state.handle(.enter)

        #expect(state.flash?.contains("key=value") == true)
        #expect(state.filters.labels.isEmpty)
    }

    @Test func clearDropsEveryFilterAndResubscribes() {
        var state = DashboardState(address: "a:1", filters: Filters(appname: "demo", search: "x"))

        #expect(state.handle(.character("c")) == .resubscribe(Filters()))
        #expect(state.handle(.character("c")) == .none)
    }

    @Test func enterOpensDetailsOfTheSelectedWorkloadAndEscapeLeaves() {
        var state = liveState()
        _ = state.handle(.character("j"))
        let selected = state.view.selectedID

        _ = state.handle(.enter)
        let frame = state.frame(rows: 30, now: Self.t0)
        guard case .detail(let row, _) = frame.screen else {
            Issue.record("expected the detail screen, got \(frame.screen)")
            return
        }
        _ = state.handle(.escape)

        #expect(row.id == selected)
        #expect(state.mode == .table)
    }

    @Test func detailKeepsShowingARowThatWasRemoved() {
        var state = liveState()
        _ = state.handle(.enter)
        let id = state.view.selectedID!
        var removal = WorkloadStatusStreamMessage()
        removal.id = id
        removal.error = "key: /workloads/\(id): bad `Count` value"
        removal.delete = true

        _ = state.apply([.messages(generation: 1, [StatusUpdate(removal)], Self.t0)])
        let frame = state.frame(rows: 30, now: Self.t0)

        guard case .detail(let row, _) = frame.screen else {
            Issue.record("expected the detail screen")
            return
        }
        #expect(row.id == id)
    }

    @Test func questionMarkTogglesHelpAndQQuitsFromTheTable() {
        var state = liveState()

        _ = state.handle(.character("?"))
        let inHelp = state.mode == .help(offset: 0)
        _ = state.handle(.character("?"))

        #expect(inHelp)
        #expect(state.mode == .table)
        #expect(state.handle(.character("q")) == .quit)
    }

    @Test func sortKeysCycleAndReverse() {
        var state = liveState()

        _ = state.handle(.character("s"))
        let afterCycle = state.merger.table.sort
        _ = state.handle(.character("S"))

        #expect(afterCycle == TableSort(column: .status))
        #expect(state.merger.table.sort == TableSort(column: .status, ascending: false))
    }

    @Test func theFrameCopiesOnlyTheVisibleRows() {
        var state = DashboardState(address: "a:1", filters: Filters())
        _ = state.apply([.subscribed(generation: 1), .listed(generation: 1, workloads: (0..<500).map { workload($0) }, Self.t0)])

        _ = state.handle(.character("G"))
        let frame = state.frame(rows: 24, now: Self.t0)

        #expect(frame.rows.count == Renderer.tableBodyHeight(screenRows: 24))
        #expect(frame.selectedIndex == frame.rows.count - 1)
        #expect(frame.counts.total == 500)
    }

    @Test func connectionEventsReachTheHeader() {
        var state = liveState()
        let retry = Self.t0 + 3

        _ = state.apply([.ended(generation: 1, reason: "UNAVAILABLE: Socket closed", Self.t0),
                         .connection(.reconnecting(attempt: 2, nextRetry: retry, lastError: "UNAVAILABLE: Socket closed"))])
        let frame = state.frame(rows: 30, now: Self.t0)
        let text = Renderer.render(frame, rows: 30, cols: 120).lines().joined(separator: "\n")

        #expect(text.contains("reconnecting"))
        #expect(text.contains("attempt 2"))
        #expect(!state.merger.isFresh)
    }

    @Test func theReconcileKeyExplainsWhenItIsOff() {
        var readOnly = liveState()
        readOnly.readOnly = true
        readOnly.hasReplicaSets = true
        var noSets = liveState()

        _ = readOnly.handle(.character("r"))
        _ = noSets.handle(.character("r"))

        #expect(readOnly.flash?.contains("read-only") == true)
        #expect(noSets.flash?.contains("--replicas") == true)
        #expect(readOnly.reconcile == nil && noSets.reconcile == nil)
    }

    @Test func theReconcileDialogOwnsEveryKeyUntilAnswered() {
        var state = liveState()
        state.hasReplicaSets = true
        var summary = SetSummary(desired: 3)
        summary.ready = 1
        let plan = Plan(sets: [SetPlan(set: "shop/web", summary: summary, create: CreateAction(count: 2, podname: "p", image: "i"))])

        #expect(state.handle(.character("r")) == .planReconcile)
        state.apply(.planned(plan))
        let swallowed = [state.handle(.character("a")), state.handle(.character("c")), state.handle(.character("/")), state.handle(.character("r"))]
        let frame = state.frame(rows: 30, now: Self.t0)
        let yes = state.handle(.character("y"))

        #expect(swallowed.allSatisfy { $0 == .redraw })
        #expect(state.prompt == nil && state.filters == Filters())
        #expect(frame.dialog?.title == "reconcile plan")
        #expect(yes == .executeReconcile(plan))
    }
}
