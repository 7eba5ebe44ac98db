import Testing
import Wire

/// Proto3 decoding rules for fields that appear more than once, and lenient strings.
@Suite struct MergeSemanticsTests {
    @Test func theLastValueOfAScalarFieldWins() throws {
        var writer = WireWriter()
        writer.writeString("first", field: 1001)
        writer.writeVarint(1, field: 1005)
        writer.writeString("second", field: 1001)
        writer.writeVarint(0, field: 1005)

        let message = try WorkloadStatusStreamMessage(wire: writer.bytes)

        #expect(message.id == "second")
        #expect(message.delete == false)
    }

    @Test func aRepeatedSubMessageMergesIntoTheFirst() throws {
        var running = WorkloadStatus()
        running.running = true
        running.networks = ["a": "1"]
        var named = WorkloadStatus()
        named.id = "x"
        named.networks = ["b": "2"]
        var writer = WireWriter()
        writer.writeMessage(running, field: 1003)
        writer.writeMessage(named, field: 1003)

        let status = try WorkloadStatusStreamMessage(wire: writer.bytes).status

        #expect(status?.id == "x")
        #expect(status?.running == true)
        #expect(status?.networks == ["a": "1", "b": "2"])
    }

    @Test func repeatedFieldsAppendAcrossMergedSubMessages() throws {
        var first = Workload()
        first.env = ["A=1"]
        var second = Workload()
        second.env = ["B=2"]
        var writer = WireWriter()
        writer.writeMessage(first, field: 1002)
        writer.writeMessage(second, field: 1002)

        let workload = try WorkloadStatusStreamMessage(wire: writer.bytes).workload

        #expect(workload?.env == ["A=1", "B=2"])
    }

    @Test func aRepeatedMapKeyKeepsTheLastValue() throws {
        var writer = WireWriter()
        writer.writeMap(["team": "ops"], field: 1004)
        writer.writeMap(["team": "dev"], field: 1004)

        let options = try ListWorkloadsOptions(wire: writer.bytes)

        #expect(options.labels == ["team": "dev"])
    }

    @Test func aFloodOfEntriesWithOneKeyDecodesToOneEntry() throws {
        var writer = WireWriter()
        for index in 0..<10_000 { writer.writeMap(["k": "\(index)"], field: 1004) }

        let options = try ListWorkloadsOptions(wire: writer.bytes)

        #expect(options.labels == ["k": "9999"])
    }

    @Test func aMapEntryWithoutKeyOrValueUsesEmptyDefaults() throws {
        var writer = WireWriter()
        writer.writeBytes([], field: 1004)
        writer.writeBytes([0x12, 0x01, 0x76], field: 1004)  // value "v", no key

        let options = try ListWorkloadsOptions(wire: writer.bytes)

        #expect(options.labels == ["": "v"])
    }

    @Test func invalidUTF8InAStringBecomesReplacementCharacters() throws {
        var writer = WireWriter()
        writer.writeBytes([0x61, 0xFF, 0x62, 0xC3], field: 1001)

        let status = try WorkloadStatus(wire: writer.bytes)

        #expect(status.id == "a\u{FFFD}b\u{FFFD}")
    }

    @Test func aHostileLabelDoesNotDropTheRestOfTheWorkload() throws {
        var writer = WireWriter()
        writer.writeString("abc", field: 1001)
        var entry = WireWriter()
        entry.writeBytes([0xED, 0xA0, 0x80], field: 1)  // an encoded UTF-16 surrogate
        entry.writeString("x", field: 2)
        writer.writeBytes(entry.bytes, field: 1006)
        writer.writeString("web:1", field: 1008)

        let workload = try Workload(wire: writer.bytes)

        #expect(workload.id == "abc")
        #expect(workload.image == "web:1")
        #expect(workload.labels.count == 1)
        #expect(workload.labels.values.first == "x")
    }
}
