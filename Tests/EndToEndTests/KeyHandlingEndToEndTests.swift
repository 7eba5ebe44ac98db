import Foundation
import Testing

extension TerminalResilienceEndToEndTests {
    /// Keys as an operator types them: Esc acts at once, keys typed before any data arrives are
    /// handled, and inside a prompt every key is text.
    @Suite(.serialized) struct KeyHandlingEndToEndTests {
        /// The prompt line's text for a search prompt holding `text`.
        private static func searchPrompt(_ text: String) -> String { "search: " + text }

        @Test func escapeClosesAPromptBeforeTheNextCapture() throws {
            let sim = try SimProcess(["--workloads", "8", "--seed", "41"])
            defer { sim.stop() }
            let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address], columns: 100, rows: 24)
            defer { tmux.kill() }
            try tmux.waitFor { $0.contains("live") }
            try tmux.send("/")
            let open = try tmux.waitFor { $0.contains(Self.searchPrompt("")) }

            try tmux.send("Escape")
            // ncurses waits ESCDELAY for a sequence to follow a lone Esc (1 s by default).
            Thread.sleep(forTimeInterval: 0.1)
            let screen = try tmux.capture()

            #expect(open.contains(Self.searchPrompt("")), "\(open)")
            #expect(!screen.contains(Self.searchPrompt("")), "\(screen)")
            #expect(screenLines(screen).last?.hasPrefix("? help") == true, "\(screen)")
        }

        @Test func keysTypedBeforeTheFirstDataAreHandledAndPromptTextIsKept() throws {
            let sim = try SimProcess(["--workloads", "8", "--seed", "42"])
            defer { sim.stop() }
            // Every listing fails until released below, so no workload reaches erutop before then.
            try sim.control("fail", "ListWorkloads", "1000")
            let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address], columns: 100, rows: 24)
            defer { tmux.kill() }

            try tmux.send("?")
            let help = try tmux.waitFor { $0.contains("clear all filters") }
            try tmux.send("Escape", "/")
            try tmux.send("-l", "abc")
            let typed = try tmux.waitFor { $0.contains(Self.searchPrompt("abc")) }
            try sim.control("fail", "ListWorkloads", "0")
            let live = try tmux.waitFor { $0.contains("live") && $0.contains("8 total") }

            #expect(help.contains("clear all filters") && help.contains("0 total"), "\(help)")
            #expect(typed.contains(Self.searchPrompt("abc")) && typed.contains("0 total"), "\(typed)")
            #expect(live.contains("8 total"), "\(live)")
            #expect(live.contains(Self.searchPrompt("abc")), "\(live)")
            #expect(!tmux.paneDead)
        }

        @Test func everyKeyTypedIntoAPromptIsTextAndTriggersNothing() throws {
            let sim = try SimProcess(["--workloads", "8", "--seed", "43"])
            defer { sim.stop() }
            let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address], columns: 100, rows: 24)
            defer { tmux.kill() }
            let before = try tmux.waitFor { $0.contains("live") && screenLines($0).last?.hasSuffix(" 1/8") == true }
            try tmux.send("/")
            try tmux.waitFor { $0.contains(Self.searchPrompt("")) }

            try tmux.send("-l", "q?cjGsa/")
            let typed = try tmux.waitFor { $0.contains(Self.searchPrompt("q?cjGsa/")) }
            try tmux.send("Escape")
            let cancelled = try tmux.waitFor { screenLines($0).last?.hasPrefix("? help") == true }
            try tmux.send("/")
            try tmux.send("-l", "q?c")
            try tmux.send("Enter")
            let searched = try tmux.waitFor { $0.contains("no workloads") }

            #expect(typed.contains(Self.searchPrompt("q?cjGsa/")), "\(typed)")
            #expect(!typed.contains("clear all filters"), "help opened: \(typed)")
            // Neither the selection (j, G) nor the sort (s) moved, and q did not quit.
            #expect(screenLines(cancelled).last?.hasSuffix(" 1/8") == true, "\(cancelled)")
            #expect(screenLines(cancelled).first == screenLines(before).first, "\(cancelled)")
            #expect(searched.contains("search=\"q?c\""), "\(searched)")
            #expect(!tmux.paneDead)
        }
    }
}
