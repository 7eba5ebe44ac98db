import Foundation
import Testing

/// Connection faults driven through erusim's control channel: every end of the stream is a
/// disconnect, the table is marked stale, and after the reconnect it equals the core again.
@Suite(.serialized) struct ResilienceEndToEndTests {
    /// The short IDs erusim holds now.
    private func shortIDs(_ sim: SimProcess) throws -> Set<String> {
        Set(try sim.control("list").split(separator: "\n").map { String($0.prefix(64).suffix(7)) })
    }

    /// Short IDs shown in the table.
    private func shownIDs(_ screen: String) -> Set<String> {
        Set(screen.split(separator: "\n").dropFirst(3).compactMap { line in
            let id = line.prefix(7)
            return id.count == 7 && id.allSatisfy(\.isHexDigit) ? String(id) : nil
        })
    }

    @Test(arguments: ["", "14"]) func anEndedStreamWithOKOrAnErrorReconnectsAndReLists(code: String) throws {
        let sim = try SimProcess(["--workloads", "10", "--seed", "21"])
        defer { sim.stop() }
        let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address])
        defer { tmux.kill() }
        try tmux.waitFor { $0.contains("live") }

        if code.isEmpty { try sim.control("end-streams") } else { try sim.control("end-streams", code) }
        let dropped = try tmux.waitFor(timeout: 5) { $0.contains("reconnecting") }
        let back = try tmux.waitFor { $0.contains("live") && !$0.contains("stale") }

        #expect(dropped.contains("attempt 1"), "\(dropped)")
        #expect(shownIDs(back) == (try shortIDs(sim)), "\(back)")
    }

    /// Each re-listing holds the old table and the new one at once; what the old one held must
    /// go back to the system, or the resident size climbs with every reconnect.
    @Test func repeatedReListingsDoNotRatchetTheResidentSizeUp() throws {
        let sim = try SimProcess(["--workloads", "20000", "--seed", "26"])
        defer { sim.stop() }
        let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address])
        defer { tmux.kill() }
        try tmux.waitFor(timeout: 60) { $0.contains("20000 total") && $0.contains("live") }
        let erutop = try #require(try tmux.erutopPID())
        Thread.sleep(forTimeInterval: 1)
        let first = try #require(Self.residentKB(erutop))

        for _ in 0..<4 {
            try sim.control("end-streams")
            try tmux.waitFor(timeout: 10) { $0.contains("stale") }
            try tmux.waitFor(timeout: 60) { $0.contains("live") && !$0.contains("stale") }
        }
        Thread.sleep(forTimeInterval: 1)
        let last = try #require(Self.residentKB(erutop))

        print("resident size: \(first / 1024) MB after the first listing, \(last / 1024) MB after four more")
        #expect(Double(last) < Double(first) * 1.25, "\(first) kB -> \(last) kB")
    }

    static func residentKB(_ pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }

    @Test func afterAnOutageThatChangedTheClusterTheTableEqualsTheCore() throws {
        let sim = try SimProcess(["--workloads", "12", "--seed", "22"])
        defer { sim.stop() }
        let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address])
        defer { tmux.kill() }
        try tmux.waitFor { $0.contains("live") }
        let before = try shortIDs(sim)

        try sim.control("outage", "3", "change")
        let stale = try tmux.waitFor(timeout: 5) { $0.contains("stale since") }
        #expect(stale.contains("reconnecting"), "\(stale)")
        let back = try tmux.waitFor(timeout: 20) { $0.contains("live") && !$0.contains("stale") }
        let after = try shortIDs(sim)

        #expect(after != before)
        #expect(shownIDs(back) == after, "\(back)")
    }

    @Test func aFrozenCoreIsDetectedByTheLivenessProbe() throws {
        let sim = try SimProcess(["--workloads", "6", "--seed", "23"])
        defer { sim.stop() }
        let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address])
        defer { tmux.kill() }
        try tmux.waitFor { $0.contains("live") }
        let frozenAt = Date()

        try sim.control("freeze", "60")
        let detected = try tmux.waitFor(timeout: 45) { $0.contains("reconnecting") }
        let seconds = Date().timeIntervalSince(frozenAt)

        #expect(detected.contains("liveness"), "\(detected)")
        #expect(seconds < 45, "took \(seconds) s")
        print("dead link detected after \(String(format: "%.1f", seconds)) s")
        try sim.control("thaw")
        try tmux.waitFor(timeout: 40) { $0.contains("live") && !$0.contains("stale") }
    }

    @Test func failedListingsAreRetriedUntilTheyWork() throws {
        let sim = try SimProcess(["--workloads", "6", "--seed", "24"])
        defer { sim.stop() }
        try sim.control("fail", "ListWorkloads", "2")
        let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address])
        defer { tmux.kill() }

        let failing = try tmux.waitFor { $0.contains("listing failed") }
        let live = try tmux.waitFor(timeout: 15) { $0.contains("live") }

        #expect(failing.contains("reconnecting"), "\(failing)")
        #expect(shownIDs(live) == (try shortIDs(sim)))
    }

    /// Every attempt against a core that is not there fails at the stream call; none of them
    /// went live, so the backoff keeps growing and the attempt number never goes back.
    @Test func attemptsAgainstAnAbsentCoreBackOffWithoutStartingOver() throws {
        let port = try freeLoopbackPort()
        let tmux = try TmuxSession(command: [Built.erutop, "--eru", "127.0.0.1:\(port)"])
        defer { tmux.kill() }
        var seen: [Int] = []
        let deadline = Date() + 8
        while Date() < deadline, (seen.last ?? 0) < 4 {
            if let attempt = Self.attempt(in: try tmux.capture()), attempt != seen.last { seen.append(attempt) }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(seen == seen.sorted(), "attempt numbers went back: \(seen)")
        #expect((seen.last ?? 0) >= 4, "seen: \(seen)")
    }

    private static func attempt(in screen: String) -> Int? {
        guard let range = screen.range(of: "(attempt ") else { return nil }
        return Int(screen[range.upperBound...].prefix { $0.isNumber })
    }

    @Test func aCoreThatStartsAfterErutopIsPickedUp() throws {
        let port = try freeLoopbackPort()
        let tmux = try TmuxSession(command: [Built.erutop, "--eru", "127.0.0.1:\(port)"])
        defer { tmux.kill() }
        let waiting = try tmux.waitFor { $0.contains("reconnecting") }
        #expect(waiting.contains("UNAVAILABLE"), "\(waiting)")

        let sim = try SimProcess(["--workloads", "5", "--seed", "25"], listen: "127.0.0.1:\(port)")
        defer { sim.stop() }
        let live = try tmux.waitFor(timeout: 20) { $0.contains("live") }

        #expect(shownIDs(live) == (try shortIDs(sim)), "\(live)")
    }

    @Test func injectedErrorAndDeleteMessagesFollowTheStreamRules() throws {
        let sim = try SimProcess(["--workloads", "6", "--seed", "27"])
        defer { sim.stop() }
        let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address])
        defer { tmux.kill() }
        let live = try tmux.waitFor { $0.contains("live") }
        let victim = try #require(shownIDs(live).sorted().first)
        let full = try #require(try sim.control("list").split(separator: "\n").first { $0.prefix(64).hasSuffix(victim) })

        try sim.control("inject-error", String(full.prefix(64)), "lookup failed")
        try sim.control("inject-error", String(repeating: "f", count: 64), "unknown workload", "delete")
        Thread.sleep(forTimeInterval: 0.5)
        let kept = try tmux.capture()
        try sim.control("inject-error", String(full.prefix(64)), "key: /workloads/x: bad `Count` value", "delete")
        let gone = try tmux.waitFor { !shownIDs($0).contains(victim) }

        #expect(shownIDs(kept).contains(victim), "an error without delete must keep the row: \(kept)")
        #expect(shownIDs(kept).count == 6)
        #expect(!shownIDs(gone).contains(victim), "\(gone)")
    }

    @Test func aWorkloadFullOfHostileDataStaysContainedAndCheap() throws {
        let sim = try SimProcess(["--workloads", "6", "--seed", "28"])
        defer { sim.stop() }
        let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address])
        defer { tmux.kill() }
        try tmux.waitFor { $0.contains("live") }

        let id = try sim.control("add-hostile", "all").trimmingCharacters(in: .whitespacesAndNewlines)
        let table = try tmux.waitFor { $0.contains(String(id.suffix(7))) }
        try tmux.send("/")
        try tmux.send("-l", String(id.suffix(7)))
        try tmux.send("Enter")
        try tmux.waitFor { $0.contains("1 total") }
        try tmux.send("Enter")
        let detail = try tmux.waitFor { $0.contains("Labels") }
        try tmux.send("Escape")
        try tmux.send("c")
        let responsive = try tmux.waitFor(timeout: 3) { $0.contains("7 total") }

        #expect(table.contains("\\e"), "escapes must show as text: \(table)")
        #expect(!table.contains("\u{1b}") && !detail.contains("\u{1b}"))
        #expect(detail.contains(String(id.suffix(7))), "\(detail)")
        #expect(responsive.contains("7 total"), "\(responsive)")
    }

    @Test func wrongCredentialsAreShownOnceAndNotRetried() throws {
        let sim = try SimProcess(["--workloads", "3", "--seed", "26", "--username", "ops", "--password", "right"])
        defer { sim.stop() }

        let once = try run(Built.erutop, ["--once", "--eru", sim.address, "-u", "ops", "-p", "wrong"])
        #expect(once.status == 1)
        #expect(once.error.contains("invalid grpc password"), "\(once.error)")
        let good = try run(Built.erutop, ["--once", "--eru", sim.address, "-u", "ops", "-p", "right"])
        #expect(good.status == 0, "\(good.error)")

        let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address, "-u", "ops", "-p", "wrong"])
        defer { tmux.kill() }
        let refused = try tmux.waitFor { $0.contains("refused") }
        Thread.sleep(forTimeInterval: 2)
        let later = try tmux.capture()

        #expect(refused.contains("invalid grpc password"), "\(refused)")
        #expect(!later.contains("reconnecting"), "\(later)")
    }
}

/// A loopback port nobody listens on right now.
func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw HarnessError("socket failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sockaddrPointer in
            bind(fd, sockaddrPointer, length) == 0 && getsockname(fd, sockaddrPointer, &length) == 0
        }
    }
    guard bound else { throw HarnessError("bind failed") }
    return Int(UInt16(bigEndian: address.sin_port))
}
