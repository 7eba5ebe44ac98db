import Foundation
import SeededRandom
import Testing
import Wire

@testable import Dashboard

/// `WorkloadTable.apply(_: StatusUpdate, at:)`, which trusts record digests to skip decoding.
@Suite struct DigestApplyTests {
    static let t1 = Fixture.t0.addingTimeInterval(60)

    /// Filters and sort orders that take each path through `apply`: status changed in place,
    /// rows moved (status sort, search), rows filtered out on the client.
    struct Setup: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let filters: Filters
        let sort: TableSort

        static let all = [
            Setup(testDescription: "by name", filters: Filters(), sort: TableSort()),
            Setup(testDescription: "by status", filters: Filters(), sort: TableSort(column: .status)),
            Setup(testDescription: "searched", filters: Filters(search: "a"), sort: TableSort(column: .node, ascending: false)),
            Setup(testDescription: "filtered by label", filters: Filters(labels: ["tier": "front"]), sort: TableSort(column: .created)),
        ]
    }

    /// A random history of status changes, record changes, inserts, removals, expiries and
    /// re-encodings (map entries in another order) leaves the table as a fresh listing of the
    /// cluster would make it, digests included; each step's outcome says what changed.
    @Test(arguments: Setup.all)
    func anAppliedStreamLeavesTheTableAFreshListingWouldMake(setup: Setup) throws {
        var random = SplitMix64(seed: 0xD16E_5700)
        var cluster = Cluster()
        for _ in 0..<80 { cluster.insertNew(&random) }
        var table = WorkloadTable(filters: setup.filters, sort: setup.sort)
        table.replaceAll(cluster.listing(at: Fixture.t0))
        var steps: [String: Int] = [:]
        var before = Self.listedTable(of: cluster, setup)

        for step in 1...1_200 {
            let now = Fixture.t0.addingTimeInterval(Double(step))
            let (kind, message) = cluster.nextMessage(&random)
            let update = try StatusUpdate(wire: GoEncoding.bytes(of: message, &random))

            let outcome = table.apply(update, at: now)

            let after = Self.listedTable(of: cluster, setup)
            if let expected = Self.outcome(of: message.id, before: before, after: after) {
                #expect(outcome == expected, "\(kind) at step \(step)")
            } else {
                #expect(!outcome.changedTable && outcome != .unchanged, "\(kind) at step \(step)")
            }
            if outcome == .updated || outcome == .inserted {
                #expect(table.rows[message.id]?.lastChange == now, "\(kind) at step \(step)")
            }
            Self.expectSame(table, after, "\(kind) at step \(step)")
            steps[kind, default: 0] += 1
            before = after
        }
        #expect(steps.count == Cluster.kinds.count)
    }

    @Test func aReEncodedRecordIsTheSameRecordAndIsNotChanged() throws {
        var random = SplitMix64(seed: 0xD16E_5701)
        let workload = Self.workload(labels: 12)
        var table = WorkloadTable()
        table.replaceAll([WorkloadRow(listed: workload, seenAt: Fixture.t0)])
        let listedDigest = table.rows[workload.id]?.recordDigest
        var message = WorkloadStatusStreamMessage()
        message.id = workload.id
        message.workload = workload
        message.status = workload.status
        var orders = Set<[UInt8]>()

        for step in 1...20 {
            let bytes = GoEncoding.bytes(of: message, &random)
            orders.insert(bytes)
            let outcome = table.apply(try StatusUpdate(wire: bytes), at: Fixture.t0.addingTimeInterval(Double(step)))

            #expect(outcome == .unchanged)
            #expect(table.rows[workload.id]?.recordDigest == listedDigest)
            #expect(table.rows[workload.id]?.lastChange == Fixture.t0)
        }
        #expect(orders.count > 10)
    }

    @Test func aStatusChangeOnTheSameRecordKeepsTheRecordsDigest() throws {
        let workload = Self.workload(labels: 3)
        var table = WorkloadTable()
        table.replaceAll([WorkloadRow(listed: workload, seenAt: Fixture.t0)])
        let listedDigest = try #require(table.rows[workload.id]?.recordDigest)
        var change = Fixture.change(workload, running: false, healthy: false)
        change.workload?.status = change.status

        let outcome = table.apply(try StatusUpdate(wire: change.wireBytes()), at: Self.t1)

        #expect(outcome == .updated)
        #expect(table.rows[workload.id]?.statusWord == .stopped)
        #expect(table.rows[workload.id]?.recordDigest == listedDigest)
    }

    /// The digest is trusted: a row that claims the update's digest is taken to hold its
    /// record, so only the status is read from the update.
    @Test func aRowWithTheUpdatesDigestOnlyTakesItsStatus() throws {
        let workload = Self.workload(labels: 2)
        let update = try StatusUpdate(wire: Fixture.change(workload, running: false, healthy: false).wireBytes())
        var stale = WorkloadRow(listed: workload, seenAt: Fixture.t0)
        stale.name = "stale_name_x"
        stale.recordDigest = try #require(update.record?.digest)
        var table = WorkloadTable()
        table.replaceAll([stale])

        let outcome = table.apply(update, at: Self.t1)

        #expect(outcome == .updated)
        #expect(table.rows[workload.id]?.name == "stale_name_x")
        #expect(table.rows[workload.id]?.statusWord == .stopped)
    }

    @Test func anUnknownFieldMakesTheRecordLookNewButTheTableSeesTheSameRecord() throws {
        let workload = Self.workload(labels: 3)
        var table = WorkloadTable()
        table.replaceAll([WorkloadRow(listed: workload, seenAt: Fixture.t0)])
        let listed = try #require(table.rows[workload.id])
        var unknownField = WireWriter()
        unknownField.writeVarint(42, field: 2000)
        let unknown = unknownField.bytes
        let sameStatus = Self.message(id: workload.id, record: workload.wireBytes() + unknown, status: workload.status)
        var newStatus = workload.status!
        newStatus.healthy = false
        let changedStatus = Self.message(id: workload.id, record: workload.wireBytes() + unknown, status: newStatus)
        let sameUpdate = try StatusUpdate(wire: sameStatus)

        let first = table.apply(sameUpdate, at: Self.t1)
        let afterFirst = try #require(table.rows[workload.id])
        let second = table.apply(try StatusUpdate(wire: changedStatus), at: Self.t1)

        #expect(sameUpdate.record?.digest != listed.recordDigest)
        #expect(first == .unchanged)
        #expect(afterFirst == listed)
        #expect(afterFirst.recordDigest == sameUpdate.record?.digest)
        #expect(second == .updated)
        #expect(table.rows[workload.id]?.statusWord == .unhealthy)
        #expect(table.rows[workload.id]?.recordDigest == sameUpdate.record?.digest)
    }

    @Test func aChangedRecordRebuildsTheRowWithTheNewDigest() throws {
        let workload = Self.workload(labels: 3)
        var table = WorkloadTable()
        table.replaceAll([WorkloadRow(listed: workload, seenAt: Fixture.t0)])
        var changed = workload
        changed.labels["version"] = "2"
        changed.image = "registry/web:2"
        let update = try StatusUpdate(wire: Self.message(id: workload.id, record: changed.wireBytes(), status: nil))

        let outcome = table.apply(update, at: Self.t1)

        #expect(outcome == .updated)
        #expect(table.rows[workload.id] == WorkloadRow(listed: changed, seenAt: Self.t1))
        #expect(table.rows[workload.id]?.recordDigest == update.record?.digest)
        #expect(table.rows[workload.id]?.recordDigest == WorkloadRecord(changed).digest)
    }

    @Test func aMalformedRecordIsDroppedAndLeavesTheRowAsItWas() throws {
        let workload = Self.workload(labels: 3)
        var table = WorkloadTable()
        table.replaceAll([WorkloadRow(listed: workload, seenAt: Fixture.t0)])
        let listed = try #require(table.rows[workload.id])
        var badName = WireWriter()
        badName.writeVarint(1, field: 1004)  // `name` is a string
        var newStatus = workload.status!
        newStatus.running = false
        let held = try StatusUpdate(
            wire: Self.message(id: workload.id, record: workload.wireBytes() + badName.bytes, status: newStatus))
        var other = workload
        other.id = Fixture.id(99)
        let unheld = try StatusUpdate(
            wire: Self.message(id: other.id, record: other.wireBytes() + badName.bytes, status: newStatus))

        let heldOutcome = table.apply(held, at: Self.t1)
        let unheldOutcome = table.apply(unheld, at: Self.t1)

        #expect(heldOutcome == .dropped(.malformed))
        #expect(unheldOutcome == .dropped(.malformed))
        #expect(table.rows[workload.id] == listed)
        #expect(table.rows[workload.id]?.recordDigest == listed.recordDigest)
        #expect(table.rows.count == 1)
        #expect(table.counts == { var counts = StatusCounts(); counts.add(.healthy); return counts }())
    }

    @Test func aWorkloadSentInTwoPiecesIsAppliedAsTheMergedWorkload() throws {
        let workload = Self.workload(labels: 4)
        var first = workload
        first.labels = ["tier": "back"]
        first.image = "old"
        var second = Workload()
        second.labels = ["tier": "front"]
        second.image = workload.image
        var writer = WireWriter()
        writer.writeString(workload.id, field: 1001)
        writer.writeMessage(first, field: 1002)
        writer.writeMessage(second, field: 1002)
        let merged = try WorkloadStatusStreamMessage(wire: writer.bytes)
        var viaCodec = WorkloadTable()
        var viaWire = WorkloadTable()

        let codecOutcome = viaCodec.apply(merged, at: Self.t1)
        let wireOutcome = viaWire.apply(try StatusUpdate(wire: writer.bytes), at: Self.t1)

        #expect(wireOutcome == .inserted)
        #expect(codecOutcome == wireOutcome)
        #expect(viaWire.rows[workload.id] == viaCodec.rows[workload.id])
        #expect(viaWire.rows[workload.id]?.labels["tier"] == "front")
        #expect(viaWire.rows[workload.id]?.recordDigest == viaCodec.rows[workload.id]?.recordDigest)
    }

    // MARK: Helpers

    private static func listedTable(of cluster: Cluster, _ setup: Setup) -> WorkloadTable {
        var table = WorkloadTable(filters: setup.filters, sort: setup.sort)
        table.replaceAll(cluster.listing(at: Fixture.t0))
        return table
    }

    /// What applying a message for `id` should report, from listings before and after it; nil
    /// when it concerns no row, so that it should be dropped.
    private static func outcome(of id: String, before: WorkloadTable, after: WorkloadTable) -> ApplyOutcome? {
        switch (before.rows[id], after.rows[id]) {
        case (nil, nil): nil
        case (nil, _): .inserted
        case (_, nil): .removed
        case (let old?, let new?): old == new ? .unchanged : .updated
        }
    }

    /// The table holds the listed rows (their time of last change aside), in the same order.
    private static func expectSame(_ table: WorkloadTable, _ listed: WorkloadTable, _ comment: Comment) {
        #expect(Set(table.rows.values.map(\.id)) == Set(listed.rows.values.map(\.id)), comment)
        for row in listed.rows.values {
            var applied = table.rows[row.id]
            applied?.lastChange = row.lastChange
            #expect(applied == row, comment)
            #expect(applied?.recordDigest == row.recordDigest, comment)
        }
        #expect(Array(table.order) == Array(listed.order), comment)
        #expect(table.counts == listed.counts, comment)
    }

    private static func workload(labels: Int) -> Workload {
        var workload = Fixture.workload(
            1, status: Fixture.status(running: true, healthy: true, id: Fixture.id(1), ip: "10.0.0.1"))
        for n in 0..<labels { workload.labels["label-\(n)"] = "value-\(n)" }
        workload.publish = ["calico": "10.0.0.1:80", "host": "192.168.0.1:80"]
        workload.image = "registry/web:1"
        workload.createTime = 1_700_000_000
        workload.env = ["A=1"]
        return workload
    }

    private static func message(id: String, record: [UInt8], status: WorkloadStatus?) -> [UInt8] {
        var writer = WireWriter()
        writer.writeString(id, field: 1001)
        writer.writeBytes(record, field: 1002)
        writer.writeOptional(status, field: 1003)
        return writer.bytes
    }
}

/// The workloads of a simulated cluster and the stream messages that tell of their changes.
private struct Cluster {
    static let kinds = ["status", "embedded status", "record", "insert", "removal", "error", "expiry", "re-encoding"]

    private(set) var workloads: [String: Workload] = [:]
    private var ids: [String] = []
    private var next = 0

    func listing(at time: Date) -> [WorkloadRow] {
        workloads.values.map { WorkloadRow(listed: $0, seenAt: time) }
    }

    mutating func insertNew(_ random: inout SplitMix64) {
        next += 1
        let id = Fixture.id(next)
        var workload = Fixture.workload(
            next, app: ["web", "api", "db"].randomElement(using: &random)!,
            node: "node-\(Int.random(in: 1...4, using: &random))",
            status: Self.status(id, &random))
        workload.labels = Self.labels(&random)
        workload.publish = ["calico": "10.0.\(next % 256).1:80", "host": "192.168.0.\(next % 256):80"]
        workload.image = "registry/\(workload.name):1"
        workload.createTime = Int64(1_700_000_000 + Int.random(in: 0..<50, using: &random))
        workload.env = ["A=\(next)", "B=2"]
        workloads[id] = workload
        ids.append(id)
    }

    /// Changes the cluster at random and returns the message the stream sends for it.
    mutating func nextMessage(_ random: inout SplitMix64) -> (kind: String, WorkloadStatusStreamMessage) {
        let kind = ids.count < 20 ? "insert" : Self.kinds.randomElement(using: &random)!
        if kind == "insert" { insertNew(&random) }
        let index = kind == "insert" ? ids.count - 1 : Int.random(in: 0..<ids.count, using: &random)
        let id = ids[index]
        var message = WorkloadStatusStreamMessage()
        message.id = id
        switch kind {
        case "removal", "error":
            message.error = "key: /workloads/\(id): bad `Count` value, entity count invalid"
            message.delete = kind == "removal"
            if message.delete {
                workloads[id] = nil
                ids.remove(at: index)
            }
            return (kind, message)
        case "status", "embedded status":
            workloads[id]?.status = Self.status(id, &random)
        case "record":
            changeRecord(id, &random)
        case "expiry":
            workloads[id]?.status = WorkloadStatus()
            workloads[id]?.publish = [:]
            message.delete = true
        default:
            break
        }
        message.workload = workloads[id]
        // Eru repeats the status next to the record; an embedded one alone must do as well.
        message.status = kind == "embedded status" ? nil : workloads[id]?.status
        return (kind, message)
    }

    private mutating func changeRecord(_ id: String, _ random: inout SplitMix64) {
        guard var workload = workloads[id] else { return }
        switch Int.random(in: 0..<5, using: &random) {
        case 0: workload.labels = Self.labels(&random)
        case 1: workload.name = ["web", "api", "db"].randomElement(using: &random)! + "_main_\(id.suffix(3))"
        case 2: workload.image += "+"
        case 3: workload.env.append("C=\(Int.random(in: 0..<3, using: &random))")
        default: workload.nodename = "node-\(Int.random(in: 1...4, using: &random))"
        }
        workloads[id] = workload
    }

    /// Running or not, healthy or not; now and then none at all (an all-empty status).
    private static func status(_ id: String, _ random: inout SplitMix64) -> WorkloadStatus {
        if Int.random(in: 0..<8, using: &random) == 0 { return WorkloadStatus() }
        return Fixture.status(
            running: Bool.random(using: &random), healthy: Bool.random(using: &random), id: id,
            ip: "10.1.0.\(Int.random(in: 1...3, using: &random))")
    }

    private static func labels(_ random: inout SplitMix64) -> [String: String] {
        var labels = ["ERU": "1", "tier": Bool.random(using: &random) ? "front" : "back"]
        for n in 0..<Int.random(in: 0...6, using: &random) { labels["extra-\(n)"] = "\(n)" }
        return labels
    }
}

/// Encodes stream messages as Go does: fields in number order, map entries in random order.
private enum GoEncoding {
    static func bytes(of message: WorkloadStatusStreamMessage, _ random: inout SplitMix64) -> [UInt8] {
        var writer = WireWriter()
        writer.writeImplicit(message.id, field: 1001)
        if let workload = message.workload {
            writer.writeBytes(shuffledEntries(of: workload.wireBytes(), &random), field: 1002)
        }
        writer.writeOptional(message.status, field: 1003)
        writer.writeImplicit(message.error, field: 1004)
        writer.writeImplicit(message.delete, field: 1005)
        return writer.bytes
    }

    /// `record` with the entries of each of its maps (fields 1006 and 1007) permuted.
    private static func shuffledEntries(of record: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var fields: [(number: Int, bytes: ArraySlice<UInt8>)] = []
        record.withUnsafeBytes { buffer in
            var reader = WireReader(buffer)
            while let tag = try? reader.nextTag(), (try? reader.skipField(tag)) != nil {
                fields.append((tag.field, record[tag.offset..<reader.offset]))
            }
        }
        for map in [1006, 1007] {
            let slots = fields.indices.filter { fields[$0].number == map }
            let permuted = slots.shuffled(using: &random).map { fields[$0] }
            for (slot, field) in zip(slots, permuted) { fields[slot] = field }
        }
        return Array(fields.map(\.bytes).joined())
    }
}
