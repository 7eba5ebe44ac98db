import Foundation
import Testing

/// erutop against a real erusim over gRPC on 127.0.0.1, driven in tmux as an operator would.
/// Serialized: each test owns a simulator and a tmux server, and the machine has two cores.
@Suite(.serialized) struct DashboardEndToEndTests {
    /// `erusim ctl list` lines: ID NAME STATUS.
    private func listing(_ sim: SimProcess) throws -> [(id: String, name: String, status: String)] {
        try sim.control("list").split(separator: "\n").map { line in
            let words = line.split(separator: " ").map(String.init)
            return (words[0], words[1], words[2])
        }
    }

    @Test func onceJSONListsExactlyTheAppsWorkloadsWithTheirStatusWords() throws {
        let sim = try SimProcess(["--workloads", "30", "--seed", "3"])
        defer { sim.stop() }
        let expected = try listing(sim).filter { $0.name.hasPrefix("demo_") }

        let result = try run(Built.erutop, ["--once", "--output", "json", "--app", "demo", "--eru", sim.address])

        #expect(result.status == 0, "stderr: \(result.error)")
        let objects = try #require(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
        let got = Dictionary(uniqueKeysWithValues: objects.map { ($0["id"] as! String, $0["status"] as! String) })
        #expect(!expected.isEmpty)
        #expect(got == Dictionary(uniqueKeysWithValues: expected.map { ($0.id, $0.status) }))
        for object in objects {
            #expect(object["appname"] as? String == "demo")
            for key in ["name", "entrypoint", "nodename", "podname", "image", "running", "healthy", "networks", "extensions", "labels"] {
                #expect(object[key] != nil, "missing \(key)")
            }
        }
    }

    @Test func onceAgainstNoCoreFailsWithOneClearLine() throws {
        let result = try run(Built.erutop, ["--once", "--eru", "127.0.0.1:1"])

        #expect(result.status == 1)
        #expect(result.error.contains("127.0.0.1:1"))
        #expect(result.error.contains("UNAVAILABLE"))
        #expect(result.error.split(separator: "\n").count == 1)
    }

    @Test func badFlagsExitTwoWithAMessage() throws {
        let result = try run(Built.erutop, ["--output", "json"])

        #expect(result.status == 2)
        #expect(result.error.contains("--output only goes with --once"))
    }

    @Test func aStatusChangeInTheCoreShowsUpOnScreen() throws {
        let sim = try SimProcess(["--workloads", "12", "--seed", "5"])
        defer { sim.stop() }
        let victim = try #require(try listing(sim).first { $0.status == "healthy" })
        let short = String(victim.id.suffix(7))
        let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address])
        defer { tmux.kill() }

        let before = try tmux.waitFor { $0.contains("live") && $0.contains(short) }
        #expect(line(of: short, in: before)?.contains("healthy") == true, "\(before)")
        try sim.control("kill", victim.id)
        let after = try tmux.waitFor { line(of: short, in: $0)?.contains("stopped") == true }

        #expect(line(of: short, in: after)?.contains("stopped") == true, "\(after)")
    }

    @Test func filterPromptDetailHelpAndQuitWork() throws {
        let sim = try SimProcess(["--workloads", "30", "--seed", "9"])
        defer { sim.stop() }
        let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address])
        defer { tmux.kill() }
        try tmux.waitFor { $0.contains("live") }

        try tmux.send("a")
        try tmux.send("-l", "billing")
        try tmux.send("Enter")
        let filtered = try tmux.waitFor { $0.contains("billing_") && !$0.contains("demo_") }
        #expect(filtered.contains("billing_") && !filtered.contains("demo_"), "\(filtered)")

        try tmux.send("Enter")
        let detail = try tmux.waitFor { $0.contains("Image") && $0.contains("Labels") }
        #expect(detail.contains("billing_"), "\(detail)")
        try tmux.send("Escape")
        try tmux.send("?")
        let help = try tmux.waitFor { $0.contains("quit") && $0.contains("search") }
        #expect(help.contains("clear all filters"), "\(help)")
        try tmux.send("Escape")
        try tmux.send("q")
        try tmux.waitFor { _ in tmux.paneDead }

        #expect(tmux.paneDead)
    }

    @Test func anEndedStreamReconnectsAndTheTableCatchesUp() throws {
        let sim = try SimProcess(["--workloads", "8", "--seed", "11"])
        defer { sim.stop() }
        let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address])
        defer { tmux.kill() }
        try tmux.waitFor { $0.contains("live") }
        let added = try sim.control("add", "zeta", "web", "node-1").trimmingCharacters(in: .whitespacesAndNewlines)

        try sim.control("end-streams")
        let reconnecting = try tmux.waitFor(timeout: 5) { $0.contains("reconnecting") }
        let back = try tmux.waitFor { $0.contains("live") && $0.contains(String(added.suffix(7))) }

        #expect(reconnecting.contains("reconnecting"), "\(reconnecting)")
        #expect(back.contains(String(added.suffix(7))), "\(back)")
    }
}

/// The screen line that holds `text`.
func line(of text: String, in screen: String) -> String? {
    screen.split(separator: "\n").first { $0.contains(text) }.map(String.init)
}
