import Foundation
import Testing

extension TerminalResilienceEndToEndTests {
    /// Every way erutop can end gives the terminal back: tty modes as before, cursor shown,
    /// alternate screen left; and when its terminal goes away, erutop goes too.
    @Suite(.serialized) struct TerminalRestoreEndToEndTests {
        /// How the test ends erutop, and the exit status the shell should see.
        enum Ending: String, CaseIterable, CustomTestStringConvertible {
            case quitKey, sigterm, sighup, ctrlC

            var expectedStatus: String {
                switch self {
                case .quitKey: "0"
                case .sigterm: "\(128 + SIGTERM)"
                case .sighup: "\(128 + SIGHUP)"
                case .ctrlC: "\(128 + SIGINT)"
                }
            }

            var testDescription: String { rawValue }
        }

        /// A shell that records the tty modes around erutop, then stays so the pane can be inspected.
        /// It traps SIGINT (a trap, unlike an ignore, is not inherited) so Ctrl-C ends only erutop.
        private func startShell(sim: SimProcess, scratch: ScratchDirectory) throws -> TmuxSession {
            let script = """
                trap : INT
                stty -g > \(scratch.path("before"))
                \(Built.erutop) --eru \(sim.address)
                echo $? > \(scratch.path("status"))
                stty -g > \(scratch.path("after"))
                exec sleep 60
                """
            return try TmuxSession(shell: script, columns: 100, rows: 24)
        }

        @Test(arguments: Ending.allCases)
        func theShellGetsItsTerminalBack(ending: Ending) throws {
            let sim = try SimProcess(["--workloads", "8", "--seed", "51"])
            defer { sim.stop() }
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            let tmux = try startShell(sim: sim, scratch: scratch)
            defer { tmux.kill() }
            try tmux.waitFor { $0.contains("live") }
            let erutop = try #require(try tmux.erutopPID())
            #expect(try tmux.paneValue("#{alternate_on} #{cursor_flag}") == "1 0", "not full-screen to begin with")

            switch ending {
            case .quitKey: try tmux.send("q")
            case .sigterm: kill(erutop, SIGTERM)
            case .sighup: kill(erutop, SIGHUP)
            case .ctrlC: try tmux.send("C-c")
            }
            let status = scratch.waitForText("status")
            let after = scratch.waitForText("after")

            #expect(status == ending.expectedStatus)
            #expect(after != nil && after == scratch.waitForText("before"), "stty -g differs")
            // alternate screen left, cursor visible
            #expect(try tmux.paneValue("#{alternate_on} #{cursor_flag}") == "0 1")
        }

        @Test func closingThePaneEndsErutop() throws {
            let sim = try SimProcess(["--workloads", "8", "--seed", "52"])
            defer { sim.stop() }
            let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address], columns: 100, rows: 24)
            defer { tmux.kill() }
            try tmux.waitFor { $0.contains("live") }
            let erutop = try #require(try tmux.erutopPID())

            try tmux.killPane()

            #expect(Processes.waitForExit(erutop, timeout: 3))
        }

        @Test func killingTheShellAboveErutopEndsIt() throws {
            let sim = try SimProcess(["--workloads", "8", "--seed", "53"])
            defer { sim.stop() }
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            let tmux = try startShell(sim: sim, scratch: scratch)
            defer { tmux.kill() }
            try tmux.waitFor { $0.contains("live") }
            let erutop = try #require(try tmux.erutopPID())
            let shell = try #require(Processes.parent(of: erutop))
            #expect(Processes.commandLine(shell).first == "/bin/sh")

            kill(shell, SIGKILL)

            #expect(Processes.waitForExit(erutop, timeout: 3))
        }
    }
}
