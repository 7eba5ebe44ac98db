import Curses
import Dispatch
import ErutopApp
import Foundation

/// Sorting and filtering at 100k rows must not stall input. For each key that re-sorts or
/// re-filters the whole table, as `DashboardLoop` handles it: how long the UI thread is blocked
/// from the key to the frame that shows the new order is coming, how long taking the new order
/// (folding in what changed meanwhile) and drawing it blocks it again, and how long until the
/// new order is on screen, built on the dashboard's `OrderWorker` thread. While it is built, a
/// batch of 100 status changes arrives, applied as the loop applies the feed: once the job has
/// let go of the rows (until then the feed waits in the inbox: "feed held back").
enum InputBench {
    /// A key answered within this feels instant; the UI thread reads no key while it works.
    static let budget = 100.0

    /// One key's figures, in milliseconds.
    struct Timing {
        /// UI thread CPU time from the key to the frame drawn after it.
        var blocked = 0.0
        /// Wall-clock time from the key until the job let go of the rows.
        var held = 0.0
        /// UI thread CPU time to apply a batch of changes while the new order is built.
        var feedBatch = 0.0
        /// UI thread CPU time to take the new order and draw it.
        var taking = 0.0
        /// Wall-clock time from the key to the frame that shows the new order.
        var shown = 0.0

        /// The worst of each figure.
        static func worst(_ timings: [Timing]) -> Timing {
            Timing(
                blocked: timings.map(\.blocked).max() ?? 0, held: timings.map(\.held).max() ?? 0,
                feedBatch: timings.map(\.feedBatch).max() ?? 0,
                taking: timings.map(\.taking).max() ?? 0, shown: timings.map(\.shown).max() ?? 0)
        }
    }

    static func run(on scene: inout Scene, label: String, into report: inout Report) {
        let done = DispatchSemaphore(value: 0)
        let worker = OrderWorker { done.signal() }
        var sorts: [Timing] = []
        for _ in 0..<5 {
            sorts.append(time(&scene, keys: [.character("s")], worker: worker, done: done))
        }
        sorts.append(time(&scene, keys: [.character("S")], worker: worker, done: done))
        add(.worst(sorts), "sort key (s, S), worst of 6, \(label) rows", into: &report)

        // Typing into the prompt only edits its text; Enter applies the search.
        _ = time(&scene, keys: [.character("/")] + "billing".map { .character($0) }, worker: worker, done: done)
        let search = time(&scene, keys: [.enter], worker: worker, done: done)
        add(search, "search Enter, \(label) rows", into: &report)
        // The prompt opens with the current search: one letter less, and the texts are cached.
        let refined = time(&scene, keys: [.character("/"), .backspace, .enter], worker: worker, done: done)
        add(refined, "search refined, \(label) rows", into: &report)
        let clear = time(&scene, keys: [.character("c")], worker: worker, done: done)
        add(clear, "clear filters (c), \(label) rows", into: &report)
    }

    private static func add(_ timing: Timing, _ name: String, into report: inout Report) {
        report.add(Figure("sort/filter", name + ": input blocked", timing.blocked, "ms", target: .atMost(budget)))
        report.add(Figure("sort/filter", name + ": feed held back (wall)", timing.held, "ms"))
        report.add(
            Figure("sort/filter", name + ": 100 changes meanwhile", timing.feedBatch, "ms", target: .atMost(budget)))
        report.add(Figure("sort/filter", name + ": taking the new order", timing.taking, "ms", target: .atMost(budget)))
        report.add(Figure("sort/filter", name + ": new order on screen (wall)", timing.shown, "ms"))
    }

    /// Handles `keys` as the loop does (the job it asks for goes to the worker), draws, then
    /// waits for the worker's result and takes it as the loop does when woken.
    private static func time(
        _ scene: inout Scene, keys: [Key], worker: OrderWorker, done: DispatchSemaphore
    ) -> Timing {
        let start = ContinuousClock.now
        var timing = Timing()
        timing.blocked = ThreadCPU.seconds {
            for key in keys {
                _ = scene.state.handle(key)
            }
            if let job = scene.state.takeOrderJob() { worker.submit(job) }
            scene.draw()
        } * 1000
        if scene.state.merger.isReordering {
            while worker.holdsRows { done.wait() }
            timing.held = (ContinuousClock.now - start).milliseconds
            timing.feedBatch = ThreadCPU.seconds { scene.changeRandomRows(100) } * 1000
        }
        while scene.state.merger.isReordering {
            done.wait()
            guard let built = worker.take() else { continue }
            let taking = ThreadCPU.seconds {
                worker.discard(scene.state.finishOrder(built).leftovers)
                if let job = scene.state.takeOrderJob() { worker.submit(job) }
                scene.draw()
            } * 1000
            timing.taking = max(timing.taking, taking)
        }
        timing.shown = (ContinuousClock.now - start).milliseconds
        return timing
    }
}
