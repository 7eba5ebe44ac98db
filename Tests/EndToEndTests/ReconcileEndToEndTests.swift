import Foundation
import Testing

/// The reconcile key and the headless controller against a real erusim, as the issue lists:
/// kill 2 of 3, reconcile (2 creations), reconcile again at once (nothing), revive the old 2,
/// reconcile (the 2 newest go).
@Suite(.serialized) struct ReconcileEndToEndTests {
    /// A replicas file for `shop/web` with 3 replicas, and its app spec, in a temp folder.
    final class ReplicasFiles {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("erutop-rc-\(UUID().uuidString)")
        var path: String { folder.appendingPathComponent("replicas.yaml").path }

        init() throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try """
                appname: shop
                entrypoints:
                  web:
                    cmd: "serve --port 80"
                """.write(to: folder.appendingPathComponent("app.yaml"), atomically: true, encoding: .utf8)
            try """
                replicasets:
                  - appname: shop
                    entrypoint: web
                    replicas: 3
                    podname: pod-1
                    image: registry.local/shop:1
                    spec: app.yaml
                    network: calico
                    # The killed instances are seconds old: past a 1 s grace they count as dead.
                    startup_grace: 1
                """.write(toFile: path, atomically: true, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    /// Three healthy `shop_web` instances, the first two then killed; returns their IDs.
    private func threeWithTwoKilled(_ sim: SimProcess) throws -> [String] {
        let ids = try (1...3).map { try sim.control("add", "shop", "web", "node-\($0)").trimmingCharacters(in: .whitespacesAndNewlines) }
        try sim.control("kill", ids[0])
        try sim.control("kill", ids[1])
        // Creation times have one-second resolution (as in Eru); let the replacements be newer.
        Thread.sleep(forTimeInterval: 1.1)
        return ids
    }

    private func shopStatuses(_ sim: SimProcess) throws -> [(id: String, status: String)] {
        try sim.control("list").split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ").map(String.init)
            return words[1].hasPrefix("shop_web_") ? (words[0], words[2]) : nil
        }
    }

    @Test func theReconcileKeyReplacesDeadInstancesThenRemovesTheNewestWhenOldOnesReturn() throws {
        let sim = try SimProcess(["--workloads", "6", "--seed", "2", "--create-delay", "0.3"])
        defer { sim.stop() }
        let files = try ReplicasFiles()
        let original = try threeWithTwoKilled(sim)
        let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address, "--replicas", files.path])
        defer { tmux.kill() }
        try tmux.waitFor { $0.contains("shop/web  want 3  ready 1") }

        try tmux.send("r")
        let plan = try tmux.waitFor { $0.contains("reconcile plan") }
        #expect(plan.contains("create 2 on pod pod-1 with image registry.local/shop:1"), "\(plan)")
        try tmux.send("y")
        let result = try tmux.waitFor { $0.contains("2 action(s) done") }
        #expect(result.contains("2 action(s) done"), "\(result)")
        try tmux.send("Escape")
        try tmux.send("r")
        let again = try tmux.waitFor { $0.contains("reconcile plan") }
        #expect(again.contains("nothing to do") || again.contains("in flight"), "\(again)")
        #expect(!again.contains("create 2"), "\(again)")
        try tmux.send("Escape")
        let ready = try tmux.waitFor(timeout: 15) { $0.contains("shop/web  want 3  ready 3") }
        #expect(ready.contains("ready 3"), "\(ready)")
        let created = Set(try shopStatuses(sim).map(\.id)).subtracting(original)
        #expect(created.count == 2)

        try sim.control("revive", original[0])
        try sim.control("revive", original[1])
        try tmux.waitFor { $0.contains("shop/web  want 3  ready 5") }
        try tmux.send("r")
        let removal = try tmux.waitFor { $0.contains("reconcile plan") && $0.contains("remove") }
        for id in created { #expect(removal.contains("remove \(id.suffix(7))"), "\(removal)") }
        try tmux.send("y")
        try tmux.waitFor { $0.contains("2 action(s) done") }

        let left = Set(try shopStatuses(sim).map(\.id))
        #expect(left == Set(original))
    }

    @Test func escapeCancelsThePlanAndNothingHappens() throws {
        let sim = try SimProcess(["--workloads", "4", "--seed", "3"])
        defer { sim.stop() }
        let files = try ReplicasFiles()
        _ = try threeWithTwoKilled(sim)
        let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address, "--replicas", files.path])
        defer { tmux.kill() }
        try tmux.waitFor { $0.contains("shop/web  want 3  ready 1") }

        try tmux.send("r")
        try tmux.waitFor { $0.contains("reconcile plan") }
        try tmux.send("Escape")
        Thread.sleep(forTimeInterval: 1)

        #expect(try shopStatuses(sim).count == 3)
        #expect(try !tmux.capture().contains("reconcile plan"))
    }

    @Test func readOnlyRefusesTheReconcileKey() throws {
        let sim = try SimProcess(["--workloads", "4", "--seed", "3"])
        defer { sim.stop() }
        let files = try ReplicasFiles()
        let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address, "--replicas", files.path, "--read-only"])
        defer { tmux.kill() }
        try tmux.waitFor { $0.contains("live") }

        try tmux.send("r")
        let screen = try tmux.waitFor { $0.contains("read-only: reconcile is off") }

        #expect(screen.contains("read-only: reconcile is off"), "\(screen)")
    }

    @Test func theHeadlessControllerDoesTheSameWithOnce() throws {
        let sim = try SimProcess(["--workloads", "6", "--seed", "4", "--create-delay", "0.3"])
        defer { sim.stop() }
        let files = try ReplicasFiles()
        let original = try threeWithTwoKilled(sim)

        let dry = try run(Built.erutop, ["reconcile", "--replicas", files.path, "--eru", sim.address, "--once", "--dry-run"])
        #expect(dry.status == 0, "\(dry.error)")
        #expect(dry.output.contains(#""dry_run":true"#) && dry.output.contains(#""count":2"#), "\(dry.output)")
        #expect(try shopStatuses(sim).count == 3)

        let first = try run(Built.erutop, ["reconcile", "--replicas", files.path, "--eru", sim.address, "--once"])
        #expect(first.status == 0, "\(first.error)")
        let results = first.output.split(separator: "\n").filter { $0.contains(#""type":"result""#) }
        #expect(results.count == 2, "\(first.output)")
        for line in first.output.split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "not JSON: \(line)")
        }
        Thread.sleep(forTimeInterval: 1.5)
        let created = Set(try shopStatuses(sim).map(\.id)).subtracting(original)
        #expect(created.count == 2)

        try sim.control("revive", original[0])
        try sim.control("revive", original[1])
        let second = try run(Built.erutop, ["reconcile", "--replicas", files.path, "--eru", sim.address, "--once"])
        #expect(second.status == 0, "\(second.error)")
        #expect(Set(try shopStatuses(sim).map(\.id)) == Set(original), "\(second.output)")
    }

    @Test func theContinuousControllerReplacesAKilledInstanceAndStopsOnSIGTERM() throws {
        let sim = try SimProcess(["--workloads", "4", "--seed", "5", "--create-delay", "0.3"])
        defer { sim.stop() }
        let files = try ReplicasFiles()
        let ids = try (1...3).map { try sim.control("add", "shop", "web", "node-\($0)").trimmingCharacters(in: .whitespacesAndNewlines) }
        let output = files.folder.appendingPathComponent("controller.out").path
        let controller = try Spawned(Built.erutop, ["reconcile", "--replicas", files.path, "--eru", sim.address], stdout: output)
        defer { controller.terminate() }
        Thread.sleep(forTimeInterval: 1.5)
        let quiet = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""

        try sim.control("kill", ids[0])
        let deadline = Date() + 15
        while Date() < deadline, try shopStatuses(sim).filter({ $0.status == "healthy" }).count < 3 {
            Thread.sleep(forTimeInterval: 0.2)
        }
        let healthy = try shopStatuses(sim).filter { $0.status == "healthy" }.count
        let exit = controller.terminate()

        #expect(quiet.isEmpty, "acted while nothing drifted: \(quiet)")
        #expect(healthy == 3)
        #expect(try shopStatuses(sim).count == 4)
        #expect(exit == 0)
        let lines = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").split(separator: "\n")
        #expect(lines.contains { $0.contains(#""type":"result""#) && $0.contains(#""kind":"create""#) })
    }

    @Test func aBadReplicasFilePointsAtTheLineAndNothingRuns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("erutop-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("replicas.yaml").path
        try """
            replicasets:
              - appname: shop
                entrypoint: web
                replicas: three
                podname: pod-1
                image: registry.local/shop:1
                spec: app.yaml
            """.write(toFile: path, atomically: true, encoding: .utf8)

        let result = try run(Built.erutop, ["reconcile", "--replicas", path, "--eru", "127.0.0.1:1", "--once"])

        #expect(result.status == 2)
        #expect(result.error.contains("replicas.yaml:4:") && result.error.contains("replicas"), "\(result.error)")
        #expect(result.output.isEmpty)
    }
}

/// A process left running in the background, its standard output going to a file.
final class Spawned {
    private var pid: pid_t = 0
    private var exitStatus: Int32?

    init(_ executable: String, _ arguments: [String], stdout: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw HarnessError("cannot start \(executable): errno \(spawned)") }
    }

    /// Sends SIGTERM and waits (up to 10 s, then SIGKILL); returns the exit status.
    @discardableResult
    func terminate() -> Int32 {
        if let exitStatus { return exitStatus }
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<100 {
            if waitpid(pid, &status, WNOHANG) == pid {
                exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                return exitStatus!
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        exitStatus = 137
        return 137
    }

    deinit { terminate() }
}
