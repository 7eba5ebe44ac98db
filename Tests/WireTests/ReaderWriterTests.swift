import Testing
import Wire

/// The varint and tag primitives, checked against hand-computed bytes.
@Suite struct ReaderWriterTests {
    @Test(arguments: [
        (0, [0x00]),
        (127, [0x7F]),
        (128, [0x80, 0x01]),
        (300, [0xAC, 0x02]),
        (1 << 63, [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]),
        (.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
    ] as [(UInt64, [UInt8])])
    func varintsHaveTheirCanonicalEncodingAndReadBack(_ value: UInt64, _ expected: [UInt8]) throws {
        var writer = WireWriter()
        writer.writeVarint(value)

        let read = try expected.withUnsafeBytes { buffer throws(WireError) in
            var reader = WireReader(buffer)
            return try reader.readVarint()
        }

        #expect(writer.bytes == expected)
        #expect(read == value)
    }

    @Test func aNonMinimalVarintIsAccepted() throws {
        let bytes: [UInt8] = [0xF0, 0x3E, 0x85, 0x80, 0x00]  // ttl = 5 padded to three bytes

        #expect(try WorkloadStatus(wire: bytes).ttl == 5)
    }

    @Test func tagsOfTheEruFieldRangeTakeTwoBytes() throws {
        var writer = WireWriter()
        writer.writeTag(field: 1001, wireType: .lengthDelimited)
        writer.writeTag(field: 1028, wireType: .varint)

        let tags = try writer.bytes.withUnsafeBytes { buffer throws(WireError) in
            var reader = WireReader(buffer)
            return [try reader.nextTag(), try reader.nextTag(), try reader.nextTag()]
        }

        #expect(writer.bytes == [0xCA, 0x3E, 0xA0, 0x40])
        #expect(tags == [
            WireTag(field: 1001, wireType: .lengthDelimited, offset: 0),
            WireTag(field: 1028, wireType: .varint, offset: 2),
            nil,
        ])
    }

    @Test func errorsDescribeThemselvesWithTheirOffset() {
        let error = WireError.lengthBeyondEnd(offset: 4, length: 9, available: 2)

        #expect(error.description == "length 9 at byte 4 exceeds the 2 bytes left")
    }
}
