import Curses
import Foundation
import Reconcile
import Render

/// The reconcile dialog of the dashboard, as a small state machine: planning → preview →
/// (y) running → finished. Cancel is the default; the dialog owns every key while it shows.
struct ReconcileDialog: Equatable {
    enum Stage: Equatable {
        case planning
        case preview(Plan, note: String?)
        case running(progress: [DialogLine])
        case finished(title: String, lines: [DialogLine])
    }

    /// What a key asks the loop to do.
    enum Outcome: Equatable {
        case none
        case close
        case execute(Plan)
    }

    var stage: Stage
    var offset = 0
    /// Hidden with Esc while running; it shows again with the results.
    var hidden = false

    /// Handles a key; every key is consumed, none reaches the table.
    mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .down, .character("j"): offset += 1
        case .up, .character("k"): offset = max(offset - 1, 0)
        case .pageDown: offset += 10
        case .pageUp: offset = max(offset - 10, 0)
        default: return answer(key)
        }
        return .none
    }

    private mutating func answer(_ key: Key) -> Outcome {
        let leaving = key == .escape || key == .enter || key == .character("q") || key == .character("n")
        switch stage {
        case .planning:
            if key == .escape { return .close }
        case .preview(let plan, _):
            if key == .character("y"), !plan.hasNoActions, plan.refusal == nil {
                stage = .running(progress: [DialogLine("starting…", tone: .dim)])
                offset = 0
                return .execute(plan)
            }
            // Cancel is the default: Esc, Enter, n and q all cancel.
            if leaving { return .close }
        case .running:
            if key == .escape { hidden = true }
        case .finished:
            if leaving { return .close }
        }
        return .none
    }

    /// A progress event of the running pass.
    mutating func record(_ event: ReconcileEvent) {
        guard case .running(var progress) = stage else { return }
        if progress.first?.text == "starting…" { progress.removeAll() }
        if let line = Self.progressLine(event) { progress.append(line) }
        stage = .running(progress: progress)
    }

    /// The pass ended.
    mutating func finish(_ pass: ConfirmedPass) {
        hidden = false
        offset = 0
        switch pass {
        case .changed(let plan):
            stage = .preview(plan, note: "The state changed since the preview; nothing was done. New plan:")
        case .executed(let results):
            var lines: [DialogLine] = []
            if case .running(let progress) = stage { lines = progress.filter { $0.tone != .dim } }
            let failed = results.filter { $0.error != nil }.count
            lines.append(DialogLine(""))
            lines.append(
                failed == 0
                    ? DialogLine("\(results.count) action(s) done", tone: .good)
                    : DialogLine("\(failed) of \(results.count) action(s) failed; the set backs off", tone: .bad))
            stage = .finished(title: "reconcile result", lines: lines)
        }
    }

    /// The box to draw.
    var dialog: Dialog {
        switch stage {
        case .planning:
            return Dialog(title: "reconcile", lines: [DialogLine("planning…", tone: .dim)], footer: "esc cancel", offset: offset)
        case .preview(let plan, let note):
            var lines = note.map { [DialogLine($0, tone: .warning), DialogLine("")] } ?? []
            lines += Self.planLines(plan)
            let actionable = !plan.hasNoActions && plan.refusal == nil
            return Dialog(
                title: "reconcile plan", lines: lines,
                footer: actionable ? "y execute   esc cancel (default)" : "esc close", offset: offset)
        case .running(let progress):
            return Dialog(title: "reconciling…", lines: progress, footer: "esc hide (keeps running)", offset: offset)
        case .finished(let title, let lines):
            return Dialog(title: title, lines: lines, footer: "esc close", offset: offset)
        }
    }

    /// The preview of a plan: per set its counts, then each action.
    static func planLines(_ plan: Plan) -> [DialogLine] {
        var lines: [DialogLine] = []
        if let refusal = plan.refusal {
            lines.append(DialogLine("refused: \(refusal)", tone: .bad))
            lines.append(DialogLine(""))
        }
        for set in plan.sets {
            let s = set.summary
            lines.append(DialogLine(
                "\(set.set): want \(s.desired), ready \(s.ready), starting \(s.starting), unhealthy \(s.unhealthy), "
                    + "stopped \(s.stopped), unknown \(s.unknown)"))
            if let create = set.create {
                lines.append(DialogLine("  create \(create.count) on pod \(create.podname) with image \(create.image)", tone: .good))
            }
            for removal in set.removals {
                lines.append(DialogLine(
                    "  remove \(removal.shortID) on \(removal.nodename) (\(reasonText(removal.reason)))", tone: .warning))
            }
            if let refusal = set.refusal {
                lines.append(DialogLine("  no action: \(refusal)", tone: .bad))
            } else if set.create == nil, set.removals.isEmpty {
                lines.append(DialogLine("  nothing to do", tone: .dim))
            }
        }
        if plan.sets.isEmpty { lines.append(DialogLine("no replica set in view", tone: .dim)) }
        return lines
    }

    /// Why an instance was picked for removal, in words.
    static func reasonText(_ reason: RemovalReason) -> String {
        switch reason {
        case .starting: "still starting"
        case .crowdedNode: "its node holds more instances"
        case .newest: "newest"
        }
    }

    static func progressLine(_ event: ReconcileEvent) -> DialogLine? {
        switch event {
        case .planned:
            return nil
        case .batchStarted(let set, let kind, let size, _):
            return DialogLine("\(set): \(kind == .create ? "creating" : "removing") \(size)…", tone: .dim)
        case .batchFinished(let result):
            let ids = result.ids.map { String($0.suffix(7)) }.joined(separator: ", ")
            if let error = result.error {
                return DialogLine("\(result.set): \(result.kind.rawValue) failed: \(error)", tone: .bad)
            }
            var text = "\(result.set): \(result.kind == .create ? "created" : "removed") \(result.ids.count)"
            if !ids.isEmpty { text += ": \(ids)" }
            if !result.alreadyGone.isEmpty { text += " (already gone: \(result.alreadyGone.map { String($0.suffix(7)) }.joined(separator: ", ")))" }
            return DialogLine(text, tone: .good)
        case .backingOff(let set, let backoff, let dropped, _):
            let wait = backoff.backoffUntil.map { Int(max(0, $0.timeIntervalSinceNow).rounded(.up)) } ?? 0
            return DialogLine("\(set): backing off \(wait)s, \(dropped) action(s) dropped", tone: .bad)
        }
    }
}
