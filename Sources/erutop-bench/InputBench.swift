import Curses
import Foundation

/// Sorting and filtering at 100k rows must not stall input: the time from a key to its frame
/// on screen, for the keys that re-sort or re-filter the whole table.
enum InputBench {
    /// A key answered within this feels instant; the dashboard reads no key while it works.
    static let budget = 100.0

    static func run(on scene: inout Scene, label: String, into report: inout Report) {
        var sorts: [Double] = []
        for _ in 0..<5 {
            sorts.append(time(&scene, keys: [.character("s")]))
        }
        sorts.append(time(&scene, keys: [.character("S")]))
        report.add(Figure("sort/filter", "sort key (s, S), worst of 6, \(label) rows", sorts.max() ?? 0, "ms",
                          target: .atMost(budget)))

        // Typing into the prompt only edits its text; Enter applies the search.
        _ = time(&scene, keys: [.character("/")] + "billing".map { .character($0) })
        let search = time(&scene, keys: [.enter])
        report.add(Figure("sort/filter", "search Enter, \(label) rows", search, "ms", target: .atMost(budget)))
        let clear = time(&scene, keys: [.character("c")])
        report.add(Figure("sort/filter", "clear filters (c), \(label) rows", clear, "ms", target: .atMost(budget)))
    }

    /// Handles `keys` as the loop does, then draws; returns the CPU milliseconds it took.
    private static func time(_ scene: inout Scene, keys: [Key]) -> Double {
        ThreadCPU.seconds {
            for key in keys {
                _ = scene.state.handle(key)
            }
            scene.draw()
        } * 1000
    }
}
