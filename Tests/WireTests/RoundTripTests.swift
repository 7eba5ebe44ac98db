import Testing
import Wire

/// Encoding then decoding gives the value back, and the encoding follows proto3's rules.
@Suite struct RoundTripTests {
    @Test func aRealisticStreamMessageSurvivesARoundTrip() throws {
        let bytes = Samples.streamMessage.wireBytes()

        let decoded = try WorkloadStatusStreamMessage(wire: bytes)

        #expect(decoded == Samples.streamMessage)
    }

    @Test func deployOptionsWithEveryNestedKindSurviveARoundTrip() throws {
        let decoded = try DeployOptions(wire: Samples.deployOptions.wireBytes())

        #expect(decoded == Samples.deployOptions)
    }

    @Test func defaultValuesOfEveryMessageEncodeToNothing() {
        let encodings: [[UInt8]] = [
            Empty().wireBytes(), CoreInfo().wireBytes(), ListWorkloadsOptions().wireBytes(),
            WorkloadStatusStreamOptions().wireBytes(), WorkloadStatus().wireBytes(),
            Workload().wireBytes(), WorkloadStatusStreamMessage().wireBytes(), WorkloadID().wireBytes(),
            WorkloadIDs().wireBytes(), WorkloadsStatus().wireBytes(), HealthCheckOptions().wireBytes(),
            HookOptions().wireBytes(), LogOptions().wireBytes(), EntrypointOptions().wireBytes(),
            NodeFilter().wireBytes(), DeployOptions().wireBytes(), CreateWorkloadMessage().wireBytes(),
            RemoveWorkloadOptions().wireBytes(), RemoveWorkloadMessage().wireBytes(),
        ]

        #expect(encodings.filter { !$0.isEmpty } == [])
    }

    @Test func anEmptySubMessageIsWrittenAndReadBackAsPresent() throws {
        var message = WorkloadStatusStreamMessage()
        message.status = WorkloadStatus()

        let bytes = message.wireBytes()

        #expect(bytes == [0xDA, 0x3E, 0x00])
        #expect(try WorkloadStatusStreamMessage(wire: bytes).status == WorkloadStatus())
        #expect(try WorkloadStatusStreamMessage(wire: []).status == nil)
    }

    @Test func mapsAreWrittenInAscendingKeyOrderWhateverTheInsertionOrder() throws {
        var forward = ListWorkloadsOptions()
        var backward = ListWorkloadsOptions()
        let keys = (0..<40).map { "key\($0)" }
        for key in keys { forward.labels[key] = key }
        for key in keys.reversed() { backward.labels[key] = key }

        let bytes = forward.wireBytes()

        #expect(bytes == backward.wireBytes())
        #expect(try mapKeys(in: bytes) == keys.sorted())
    }

    @Test func aNegativeInt32TakesTenBytesAndComesBack() throws {
        var health = HealthCheckOptions()
        health.code = -1

        let bytes = health.wireBytes()

        #expect(bytes.count == 2 + 10)
        #expect(try HealthCheckOptions(wire: bytes).code == -1)
    }

    @Test func anInt32FieldKeepsTheLowBitsOfAWiderVarint() throws {
        var writer = WireWriter()
        writer.writeVarint(0x1_0000_0005, field: 1004)

        let health = try HealthCheckOptions(wire: writer.bytes)

        #expect(health.code == 5)
    }

    @Test func decodingFromABufferSliceMatchesDecodingFromAnArray() throws {
        let bytes = Samples.streamMessage.wireBytes()
        let padded = [0xAA, 0xBB] + bytes + [0xCC]

        let decoded = try padded.withUnsafeBytes { buffer in
            let slice = UnsafeRawBufferPointer(rebasing: buffer[2..<2 + bytes.count])
            return try WorkloadStatusStreamMessage(wire: slice)
        }

        #expect(decoded == Samples.streamMessage)
    }

    @Test func largeSubMessagesGetMultiByteLengthPrefixes() throws {
        var status = WorkloadStatus()
        status.extension = Array(repeating: 0x7B, count: 70_000)
        var message = WorkloadStatusStreamMessage()
        message.status = status

        let decoded = try WorkloadStatusStreamMessage(wire: message.wireBytes())

        #expect(decoded == message)
    }

    /// Walks top-level entries of the map in field 1004 and returns their keys in wire order.
    private func mapKeys(in bytes: [UInt8]) throws -> [String] {
        try bytes.withUnsafeBytes { buffer throws(WireError) in
            var reader = WireReader(buffer)
            var keys: [String] = []
            while let tag = try reader.nextTag() {
                var entry = try reader.readSubMessage()
                while let field = try entry.nextTag() {
                    if field.field == 1 {
                        keys.append(try entry.readString(field))
                    } else {
                        try entry.skipField(field)
                    }
                }
                #expect(tag.field == 1004)
            }
            return keys
        }
    }
}
