import Foundation
import Testing

extension TerminalResilienceEndToEndTests {
    /// erutop under different TERM values and colour depths: it either draws the table or exits
    /// with one clear line and status 1, and the tty modes are intact either way.
    @Suite(.serialized) struct TerminalTypeEndToEndTests {
        /// Runs erutop with `environment` from a shell that records the tty modes before and after
        /// and erutop's exit status, then stays so that the pane (and erutop's last words) remain.
        private func startShell(
            sim: SimProcess,
            scratch: ScratchDirectory,
            environment: String,
            columns: Int = 100
        ) throws -> TmuxSession {
            let script = """
                stty -g > \(scratch.path("before"))
                \(environment) \(Built.erutop) --eru \(sim.address)
                echo $? > \(scratch.path("status"))
                stty -g > \(scratch.path("after"))
                exec sleep 60
                """
            return try TmuxSession(shell: script, columns: columns, rows: 24)
        }

        @Test(arguments: ["xterm-256color", "screen-256color", "tmux-256color", "linux", "vt100"])
        func fullScreenTerminalTypesDrawTheTableAndQuitCleanly(term: String) throws {
            let sim = try SimProcess(["--workloads", "10", "--seed", "31"])
            defer { sim.stop() }
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            let tmux = try startShell(sim: sim, scratch: scratch, environment: "TERM=\(term)")
            defer { tmux.kill() }

            let screen = try tmux.waitFor { $0.contains("live") && $0.contains("STATUS") }
            try tmux.send("q")
            let status = scratch.waitForText("status")

            #expect(screen.contains("live") && screen.contains("STATUS") && screen.contains("healthy"), "\(screen)")
            #expect(status == "0")
            #expect(scratch.waitForText("after") == scratch.waitForText("before"))
        }

        @Test func termDumbExitsOneSayingCursorAddressingIsMissing() throws {
            let sim = try SimProcess(["--workloads", "3", "--seed", "32"])
            defer { sim.stop() }
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            let tmux = try startShell(sim: sim, scratch: scratch, environment: "TERM=dumb", columns: 200)
            defer { tmux.kill() }

            let status = scratch.waitForText("status")
            let screen = try tmux.waitFor(timeout: 3) { $0.contains("cursor addressing") }
            let message = screenLines(screen).filter { !$0.isEmpty }

            #expect(status == "1")
            #expect(message.count == 1, "\(screen)")
            #expect(message.first?.contains("\"dumb\" lacks cursor addressing") == true, "\(screen)")
            #expect(scratch.waitForText("after") == scratch.waitForText("before"))
            #expect(try tmux.paneValue("#{alternate_on}") == "0")
        }

        /// Colour depths: 8 (xterm), 16 (an xterm entry compiled with colors#16), 256, and NO_COLOR.
        @Test(arguments: [
            ("TERM=xterm", true),
            ("TERMINFO=$SCRATCH TERM=xterm-16color", true),
            ("TERM=xterm-256color", true),
            ("NO_COLOR=1 TERM=xterm-256color", false),
        ])
        func coloursFollowTheTerminalAndNoColorWhileStatusWordsStay(environment: String, coloured: Bool) throws {
            let sim = try SimProcess(["--workloads", "12", "--seed", "33"])
            defer { sim.stop() }
            let healthy = try #require(try sim.control("list").split(separator: "\n").first { $0.hasSuffix(" healthy") })
            try sim.control("kill", String(healthy.prefix { $0 != " " }))
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            let source = "xterm-16color|xterm with 16 colours,\n\tcolors#16, pairs#256, use=xterm,\n"
            try source.write(toFile: scratch.path("xterm-16color.src"), atomically: true, encoding: .utf8)
            let compiled = try run("/usr/bin/tic", ["-o", scratch.url.path, scratch.path("xterm-16color.src")])
            #expect(compiled.status == 0, "\(compiled.error)")
            let tmux = try startShell(
                sim: sim, scratch: scratch, environment: environment.replacingOccurrences(of: "$SCRATCH", with: scratch.url.path))
            defer { tmux.kill() }

            try tmux.waitFor { $0.contains("live") && $0.contains("stopped") }
            let screen = try tmux.captureWithEscapes()

            #expect(Self.hasColour(screen) == coloured, "\(screen.debugDescription)")
            for word in ["live", "healthy", "stopped", "STATUS"] {
                #expect(screen.contains(word), "no \(word)")
            }
            // Without colour, video attributes still mark the selection and the titles.
            #expect(screen.contains("\u{1B}[") && screen.contains("7m"))
        }

        /// Whether an SGR sequence in `screen` sets a foreground or background colour (30–37, 40–47,
        /// 90–97, 100–107, or 38/48 extended); 39 and 49 only reset to the default.
        static func hasColour(_ screen: String) -> Bool {
            let sgr = /\x1B\[([0-9;]*)m/
            return screen.matches(of: sgr).contains { match in
                let parameters = match.output.1.split(separator: ";").compactMap { Int($0) }
                return parameters.contains { (30...38).contains($0) || (40...48).contains($0) || (90...107).contains($0) }
            }
        }
    }
}
