import Curses
import Foundation
import Reconcile
import Render
import Testing

@testable import ErutopApp

@Suite struct ReconcileDialogTests {
    private let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    private func plan(create: Int = 2, removals: [Removal] = [], refusal: String? = nil) -> Plan {
        var summary = SetSummary(desired: 3)
        summary.ready = 1
        return Plan(
            refusal: refusal,
            sets: [SetPlan(
                set: "shop/web", summary: summary,
                create: create > 0 ? CreateAction(count: create, podname: "pod-1", image: "img:1") : nil,
                removals: removals)])
    }

    @Test func thePreviewListsEachActionAndCancelIsTheDefault() {
        var dialog = ReconcileDialog(stage: .preview(plan(removals: [Removal(id: "x", shortID: "abcdefg", nodename: "n1", reason: .newest)]), note: nil))

        let text = dialog.dialog.lines.map(\.text)
        let enter = dialog.handle(.enter)

        #expect(text.contains("  create 2 on pod pod-1 with image img:1"))
        #expect(text.contains("  remove abcdefg on n1 (newest)"))
        #expect(dialog.dialog.footer.contains("esc cancel (default)"))
        #expect(enter == .close)
    }

    @Test func onlyYExecutesAndOtherKeysAreSwallowed() {
        var dialog = ReconcileDialog(stage: .preview(plan(), note: nil))

        let others = [Key.character("r"), .character("a"), .character("/"), .tab].map { dialog.handle($0) }
        let yes = dialog.handle(.character("y"))

        #expect(others.allSatisfy { $0 == .none })
        #expect(yes == .execute(plan()))
        guard case .running = dialog.stage else {
            Issue.record("expected running, got \(dialog.stage)")
            return
        }
    }

    @Test func aRefusedOrEmptyPlanCannotBeExecuted() {
        var refused = ReconcileDialog(stage: .preview(plan(refusal: "the stream is not connected"), note: nil))
        var empty = ReconcileDialog(stage: .preview(plan(create: 0), note: nil))

        #expect(refused.handle(.character("y")) == .none)
        #expect(empty.handle(.character("y")) == .none)
        #expect(refused.dialog.lines.first?.text == "refused: the stream is not connected")
        #expect(empty.dialog.footer == "esc close")
    }

    @Test func progressAndResultsAreShownPerAction() {
        var dialog = ReconcileDialog(stage: .running(progress: []))

        dialog.record(.batchStarted(set: "shop/web", kind: .create, size: 1, at: t0))
        dialog.record(.batchFinished(result: ActionResult(set: "shop/web", kind: .create, requested: 1, ids: ["0123456789abc"], at: t0)))
        dialog.record(.batchFinished(result: ActionResult(set: "shop/web", kind: .create, requested: 2, error: "need: 2, available: 0", at: t0)))
        dialog.finish(.executed([
            ActionResult(set: "shop/web", kind: .create, requested: 1, ids: ["0123456789abc"], at: t0),
            ActionResult(set: "shop/web", kind: .create, requested: 2, error: "need: 2, available: 0", at: t0),
        ]))
        let lines = dialog.dialog.lines.map(\.text)

        #expect(lines.contains("shop/web: created 1: 6789abc"))
        #expect(lines.contains("shop/web: create failed: need: 2, available: 0"))
        #expect(lines.contains("1 of 2 action(s) failed; the set backs off"))
        #expect(!lines.contains { $0.hasSuffix("…") })
    }

    @Test func aChangedStateShowsTheNewPlanAndDoesNothing() {
        var dialog = ReconcileDialog(stage: .running(progress: []))

        dialog.finish(.changed(plan(create: 1)))

        guard case .preview(let newPlan, let note) = dialog.stage else {
            Issue.record("expected a new preview")
            return
        }
        #expect(newPlan == plan(create: 1))
        #expect(note?.contains("nothing was done") == true)
    }

    @Test func escapeHidesARunningPassInsteadOfAbandoningIt() {
        var dialog = ReconcileDialog(stage: .running(progress: []))

        #expect(dialog.handle(.escape) == .none)
        #expect(dialog.hidden)
        dialog.finish(.executed([]))
        #expect(!dialog.hidden)
    }
}
