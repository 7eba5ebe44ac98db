import Testing
import Wire

/// Hand-made malformed inputs and the exact error each one must raise.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let bytes: [UInt8]
    let error: WireError

    static let nineContinuationBytes = [UInt8](repeating: 0x80, count: 9)

    static let all: [MalformedCase] = [
        MalformedCase(testDescription: "tag cut short", bytes: [0xCA], error: .truncatedVarint(offset: 0)),
        MalformedCase(
            testDescription: "varint with an eleventh byte",
            bytes: [0x08] + [UInt8](repeating: 0xFF, count: 10) + [0x01],
            error: .varintOverflow(offset: 1)
        ),
        MalformedCase(
            testDescription: "varint whose tenth byte overflows 64 bits",
            bytes: [0x08] + nineContinuationBytes + [0x02],
            error: .varintOverflow(offset: 1)
        ),
        MalformedCase(
            testDescription: "length of 2^63",
            bytes: [0xCA, 0x3E] + nineContinuationBytes + [0x01],
            error: .lengthBeyondEnd(offset: 2, length: 1 << 63, available: 0)
        ),
        MalformedCase(
            testDescription: "length one past the end",
            bytes: [0xCA, 0x3E, 0x04, 0x61, 0x62, 0x63],
            error: .lengthBeyondEnd(offset: 2, length: 4, available: 3)
        ),
        MalformedCase(testDescription: "wire type 6", bytes: [0x0E], error: .invalidWireType(6, offset: 0)),
        MalformedCase(testDescription: "wire type 7", bytes: [0x0F], error: .invalidWireType(7, offset: 0)),
        MalformedCase(
            testDescription: "field number 0",
            bytes: [0x02, 0x00],
            error: .invalidFieldNumber(0, offset: 0)
        ),
        MalformedCase(
            testDescription: "field number 2^29",
            bytes: [0x80, 0x80, 0x80, 0x80, 0x10],
            error: .invalidFieldNumber(1 << 29, offset: 0)
        ),
        MalformedCase(
            testDescription: "string field sent as varint",
            bytes: [0xC8, 0x3E, 0x01],
            error: .wrongWireType(field: 1001, expected: .lengthDelimited, found: .varint, offset: 0)
        ),
        MalformedCase(
            testDescription: "bool field sent as fixed32",
            bytes: [0xED, 0x3E, 1, 0, 0, 0],
            error: .wrongWireType(field: 1005, expected: .varint, found: .fixed32, offset: 0)
        ),
        MalformedCase(
            testDescription: "fixed64 cut short",
            bytes: [0x09, 1, 2, 3],
            error: .truncatedFixed(offset: 1, width: 8)
        ),
        MalformedCase(
            testDescription: "fixed32 cut short",
            bytes: [0x0D, 1, 2],
            error: .truncatedFixed(offset: 1, width: 4)
        ),
        MalformedCase(
            testDescription: "stray end group",
            bytes: [0x2C],
            error: .unmatchedEndGroup(field: 5, offset: 0)
        ),
        MalformedCase(
            testDescription: "group closed by another field",
            bytes: [0x2B, 0x34],
            error: .unmatchedEndGroup(field: 6, offset: 1)
        ),
        MalformedCase(
            testDescription: "group never closed",
            bytes: [0x2B, 0x08, 0x01],
            error: .unterminatedGroup(field: 5, offset: 0)
        ),
        MalformedCase(
            testDescription: "groups nested past the limit",
            bytes: [UInt8](repeating: 0x0B, count: 10_000),
            error: .nestingTooDeep(limit: WireReader.maxDepth, offset: WireReader.maxDepth)
        ),
        MalformedCase(
            testDescription: "bad wire type inside a sub-message, at its absolute offset",
            bytes: [0xDA, 0x3E, 0x01, 0x0E],
            error: .invalidWireType(6, offset: 3)
        ),
        MalformedCase(
            testDescription: "sub-message field running past its parent's length",
            bytes: [0xDA, 0x3E, 0x02, 0xCA, 0x3E, 0x01, 0x61],
            error: .truncatedVarint(offset: 5)
        ),
    ]
}

@Suite struct MalformedInputTests {
    @Test(arguments: MalformedCase.all)
    func malformedInputThrowsTheExactError(_ sample: MalformedCase) {
        #expect(throws: sample.error) { try WorkloadStatusStreamMessage(wire: sample.bytes) }
    }

    @Test func groupsNestedExactlyToTheLimitAreSkipped() throws {
        let depth = WireReader.maxDepth
        let bytes = [UInt8](repeating: 0x0B, count: depth) + [UInt8](repeating: 0x0C, count: depth)

        #expect(try WorkloadStatus(wire: bytes) == WorkloadStatus())
    }

    /// A prefix ending between two top-level fields is itself a valid message; every other
    /// prefix cuts a field in half and must throw.
    @Test(arguments: ConformanceCase.all)
    func everyTruncationThrowsUnlessItEndsOnAFieldBoundary(_ sample: ConformanceCase) throws {
        try expectTruncationsThrowOffBoundaries(sample.encodeExpected(), decode: sample.decode)
    }

    @Test func everyTruncationOfARealisticStreamMessageThrowsUnlessItEndsOnAFieldBoundary() throws {
        let bytes = Samples.streamMessage.wireBytes()

        try expectTruncationsThrowOffBoundaries(bytes) { prefix throws(WireError) in
            _ = try WorkloadStatusStreamMessage(wire: prefix)
        }
    }

    private func expectTruncationsThrowOffBoundaries(
        _ bytes: [UInt8],
        decode: ([UInt8]) throws(WireError) -> Void
    ) throws {
        let boundaries = try topLevelFieldBoundaries(bytes)

        for length in 0..<bytes.count {
            let prefix = Array(bytes[..<length])
            if boundaries.contains(length) {
                #expect(throws: Never.self, "prefix \(length) ends between fields") { try decode(prefix) }
            } else {
                #expect(throws: WireError.self, "prefix \(length) cuts a field") { try decode(prefix) }
            }
        }
    }

    /// Offsets where a top-level field starts (0 included), found by walking the tags.
    private func topLevelFieldBoundaries(_ bytes: [UInt8]) throws -> Set<Int> {
        try bytes.withUnsafeBytes { buffer throws(WireError) in
            var reader = WireReader(buffer)
            var boundaries: Set<Int> = [0]
            while let tag = try reader.nextTag() {
                try reader.skipField(tag)
                boundaries.insert(reader.offset)
            }
            return boundaries
        }
    }
}
