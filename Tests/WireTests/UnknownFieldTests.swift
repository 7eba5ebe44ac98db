import Testing
import Wire

/// One unknown field of a given wire type, ready to splice into a message.
struct UnknownField: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let bytes: [UInt8]

    /// Field numbers avoid 1 and 2, which are known inside map entries. Fixed-width payloads
    /// look like Eru tags, so a reader that misjudged their width would misparse.
    static let all: [UnknownField] = [
        UnknownField(testDescription: "varint", bytes: make { $0.writeVarint(.max, field: 3) }),
        UnknownField(
            testDescription: "fixed64",
            bytes: make { $0.writeTag(field: 4, wireType: .fixed64) } + [0xCA, 0x3E, 0xFF, 0, 0, 0, 0, 0x80]
        ),
        UnknownField(
            testDescription: "length-delimited",
            bytes: make { $0.writeBytes([0xFF, 0x00, 0xCA], field: 999) }
        ),
        UnknownField(testDescription: "nested groups", bytes: make {
            $0.writeTag(field: 5000, wireType: .startGroup)
            $0.writeVarint(7, field: 1)
            $0.writeTag(field: 1001, wireType: .startGroup)
            $0.writeString("inside", field: 1001)
            $0.writeTag(field: 1001, wireType: .endGroup)
            $0.writeTag(field: 5000, wireType: .endGroup)
        }),
        UnknownField(
            testDescription: "fixed32 on the highest field number",
            bytes: make { $0.writeTag(field: 0x1FFF_FFFF, wireType: .fixed32) } + [0xDA, 0x3E, 0x0B, 0x0C]
        ),
    ]

    private static func make(_ build: (inout WireWriter) -> Void) -> [UInt8] {
        var writer = WireWriter()
        build(&writer)
        return writer.bytes
    }
}

/// Unknown fields of every wire type are skipped wherever they appear.
@Suite struct UnknownFieldTests {
    @Test(arguments: UnknownField.all)
    func unknownFieldsAroundTopLevelFieldsAreSkipped(_ unknown: UnknownField) throws {
        let sample = Samples.streamMessage
        var writer = WireWriter()
        writer.writeString(sample.id, field: 1001)
        let id = writer.bytes
        let workload = try #require(sample.workload)
        let status = try #require(sample.status)
        writer = WireWriter()
        writer.writeMessage(workload, field: 1002)
        writer.writeMessage(status, field: 1003)
        let rest = writer.bytes

        let bytes = unknown.bytes + id + unknown.bytes + rest + unknown.bytes

        #expect(try WorkloadStatusStreamMessage(wire: bytes) == sample)
    }

    @Test(arguments: UnknownField.all)
    func unknownFieldsInsideSubMessagesAndMapEntriesAreSkipped(_ unknown: UnknownField) throws {
        var entry = WireWriter()
        entry.writeString("calico", field: 1)
        entry.writeString("10.0.0.7", field: 2)
        var writer = WireWriter()
        writer.writeString("abc", field: 1001)
        writer.writeBytes(unknown.bytes + entry.bytes + unknown.bytes, field: 1004)
        let status = writer.bytes
        writer = WireWriter()
        writer.writeBytes(unknown.bytes + status, field: 1003)

        let message = try WorkloadStatusStreamMessage(wire: writer.bytes)

        var expected = WorkloadStatus()
        expected.id = "abc"
        expected.networks = ["calico": "10.0.0.7"]
        #expect(message.status == expected)
    }

    @Test(arguments: UnknownField.all)
    func anEmptyMessageSkipsEveryUnknownField(_ unknown: UnknownField) throws {
        #expect(try Empty(wire: unknown.bytes + unknown.bytes) == Empty())
    }
}
