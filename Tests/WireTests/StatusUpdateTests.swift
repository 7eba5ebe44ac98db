import SeededRandom
import Testing
import Wire

/// `StatusUpdate(wire:)` and `WorkloadRecord` held to what the full codec does and to what the
/// digest promises.
@Suite struct StatusUpdateTests {
    // MARK: Agreement with the full codec

    @Test func anUpdateReadFromBytesAgreesWithOneMadeFromTheDecodedMessage() throws {
        var random = SeededGenerator(seed: 0x5747_0001)

        for _ in 0..<2_000 {
            let message = RecordGenerator.message(&random)
            let bytes = message.wireBytes()

            let read = try StatusUpdate(wire: bytes)
            let made = StatusUpdate(try WorkloadStatusStreamMessage(wire: bytes))

            try Self.expectSame(read, made, decoded: message)
            #expect(read.record?.digest == made.record?.digest, "\(message)")
        }
    }

    @Test func theStatusIsTheMessagesOwnElseTheEmbeddedOnesElseNone() throws {
        var workload = Samples.streamMessage.workload!
        let embedded = Self.status(id: workload.id, running: false)
        let own = Self.status(id: workload.id, running: true)
        workload.status = embedded

        var both = WorkloadStatusStreamMessage()
        both.id = workload.id
        both.workload = workload
        both.status = own
        var embeddedOnly = both
        embeddedOnly.status = nil
        var neither = embeddedOnly
        neither.workload?.status = nil

        #expect(try StatusUpdate(wire: both.wireBytes()).status == own)
        #expect(try StatusUpdate(wire: embeddedOnly.wireBytes()).status == embedded)
        #expect(try StatusUpdate(wire: neither.wireBytes()).status == nil)
    }

    @Test func theMessagesOwnStatusWinsWhereverItSitsInTheMessage() throws {
        let workload = Samples.streamMessage.workload!
        let own = Self.status(id: workload.id, running: false)
        var writer = WireWriter()
        writer.writeMessage(own, field: MessageField.status)
        writer.writeString(workload.id, field: MessageField.id)
        writer.writeMessage(workload, field: MessageField.workload)

        let update = try StatusUpdate(wire: writer.bytes)

        #expect(update.status == own)
        #expect(try update.record?.decode() == workload)
    }

    @Test func theRecordIDIsTheRecordsOwnIDFieldOrEmptyWhenItHasNone() throws {
        var message = WorkloadStatusStreamMessage()
        message.id = "message-id"
        message.workload = Workload()
        message.workload?.id = "record-id"
        var anonymous = message
        anonymous.workload?.id = ""

        #expect(try StatusUpdate(wire: message.wireBytes()).record?.id == "record-id")
        #expect(try StatusUpdate(wire: anonymous.wireBytes()).record?.id == "")
        #expect(try StatusUpdate(wire: anonymous.wireBytes()).id == "message-id")
    }

    @Test func aMessageWithoutAWorkloadHasNoRecord() throws {
        let update = try StatusUpdate(wire: ConformanceValues.streamError.wireBytes())

        #expect(update.record == nil)
        #expect(update.id == "gone")
        #expect(update.error == "workload ID is empty")
        #expect(update.delete)
        #expect(update.status == nil)
    }

    @Test func aWorkloadSentInTwoPiecesIsMergedAsTheFullCodecMergesIt() throws {
        let whole = Samples.streamMessage.workload!
        var first = Workload()
        first.id = whole.id
        first.name = "first-name"
        first.labels = ["ERU": "1", "team": "dev"]
        first.status = Self.status(id: whole.id, running: true)
        var second = whole
        second.labels = ["team": "ops"]
        second.status = Self.status(id: "", running: false)
        var writer = WireWriter()
        writer.writeString(whole.id, field: MessageField.id)
        writer.writeMessage(first, field: MessageField.workload)
        writer.writeMessage(second, field: MessageField.workload)

        let full = try WorkloadStatusStreamMessage(wire: writer.bytes)
        let read = try StatusUpdate(wire: writer.bytes)

        try Self.expectSame(read, StatusUpdate(full), decoded: full)
        #expect(full.workload?.labels == ["ERU": "1", "team": "ops"])
        #expect(full.workload?.name == whole.name)
        #expect(read.record?.digest == WorkloadRecord(full.workload!).digest)
    }

    @Test func anEmbeddedStatusInTwoPiecesIsMergedAsTheFullCodecMergesIt() throws {
        let whole = Samples.streamMessage.workload!
        var record = whole
        record.status = nil
        var writer = WireWriter()
        record.encode(to: &writer)
        var statusPiece = WorkloadStatus()
        statusPiece.id = whole.id
        statusPiece.networks = ["calico": "10.0.0.1"]
        writer.writeMessage(statusPiece, field: WorkloadField.status)
        statusPiece = WorkloadStatus()
        statusPiece.healthy = true
        statusPiece.networks = ["flannel": "10.0.0.2"]
        writer.writeMessage(statusPiece, field: WorkloadField.status)
        var message = WireWriter()
        message.writeString(whole.id, field: MessageField.id)
        message.writeBytes(writer.bytes, field: MessageField.workload)

        let full = try WorkloadStatusStreamMessage(wire: message.bytes)
        let read = try StatusUpdate(wire: message.bytes)

        try Self.expectSame(read, StatusUpdate(full), decoded: full)
        #expect(read.status?.networks == ["calico": "10.0.0.1", "flannel": "10.0.0.2"])
        #expect(read.status?.healthy == true)
        #expect(read.record?.digest == WorkloadRecord(whole).digest)
    }

    // MARK: Malformed input

    @Test func malformedBytesInsideTheRecordThrowFromDecodeNotFromReading() throws {
        var workload = Samples.streamMessage.workload!
        workload.status = nil
        var nameAsVarint = workload.wireBytes()
        nameAsVarint += Self.fields { $0.writeVarint(7, field: WorkloadField.name) }
        var badEntry = workload.wireBytes()
        badEntry += Self.fields { $0.writeBytes([0x08, 0x01], field: WorkloadField.labels) }
        var badStatus = workload.wireBytes()
        badStatus += Self.fields { $0.writeBytes([0x0A, 0x05, 0x61], field: WorkloadField.status) }
        // Only with the message's own status is the embedded one left undecoded.
        let own = Self.status(id: workload.id, running: true)

        for record in [nameAsVarint, badEntry, badStatus] {
            var writer = WireWriter()
            writer.writeString(workload.id, field: MessageField.id)
            writer.writeBytes(record, field: MessageField.workload)
            writer.writeMessage(own, field: MessageField.status)

            let fullError = Self.error { () throws(WireError) in _ = try WorkloadStatusStreamMessage(wire: writer.bytes) }
            let update = try StatusUpdate(wire: writer.bytes)
            let decodeError = Self.error { () throws(WireError) in _ = try update.record?.decode() }

            #expect(fullError != nil)
            #expect(decodeError == fullError, "offsets count from the start of the message, as the full codec's do")
            #expect(update.status == own)
        }
    }

    @Test func malformedBytesOutsideTheRecordThrowAsTheFullCodecDoes() throws {
        let record = Samples.streamMessage.workload!.wireBytes()
        let messages: [[UInt8]] = [
            Self.fields {
                $0.writeBytes(record, field: MessageField.workload)
                $0.writeVarint(1, field: MessageField.id)
            },
            Self.fields {
                $0.writeBytes(record, field: MessageField.workload)
                $0.writeString("yes", field: MessageField.delete)
            },
            Self.fields {
                $0.writeBytes(record, field: MessageField.workload)
                $0.writeBytes([0xFF], field: MessageField.status)
            },
            Self.fields {
                $0.writeVarint(2, field: MessageField.workload)
                $0.writeString("id", field: MessageField.id)
            },
            Self.fields { $0.writeBytes(record, field: MessageField.workload) } + [0x8A, 0x3E, 0x05, 0x01],
            Self.fields { $0.writeBytes(record, field: MessageField.workload) } + [0x80],
        ]

        for bytes in messages {
            let fullError = Self.error { () throws(WireError) in _ = try WorkloadStatusStreamMessage(wire: bytes) }
            let readError = Self.error { () throws(WireError) in _ = try StatusUpdate(wire: bytes) }

            #expect(fullError != nil)
            #expect(readError == fullError)
        }
    }

    @Test func groupsNestedToTheLimitInsideTheRecordAreRejectedAsTheFullCodecRejectsThem() throws {
        let workload = Samples.streamMessage.workload!
        // The record sits one level down and its status and map entries two: the full codec
        // counts those levels towards `WireReader.maxDepth`.
        let groups = WireReader.maxDepth - 1
        let nested = Self.fields {
            for _ in 0..<groups { $0.writeTag(field: 9, wireType: .startGroup) }
            for _ in 0..<groups { $0.writeTag(field: 9, wireType: .endGroup) }
        }
        var inStatus = workload
        inStatus.status = nil
        var inStatusBytes = inStatus.wireBytes()
        inStatusBytes += Self.fields {
            $0.writeBytes(ConformanceValues.status.wireBytes() + nested, field: WorkloadField.status)
        }
        var inEntry = workload.wireBytes()
        inEntry += Self.fields {
            $0.writeBytes(Self.fields { $0.writeString("k", field: 1) } + nested, field: WorkloadField.labels)
        }

        for record in [inStatusBytes, inEntry] {
            let bytes = Self.fields { $0.writeBytes(record, field: MessageField.workload) }
            let fullError = Self.error { () throws(WireError) in _ = try WorkloadStatusStreamMessage(wire: bytes) }
            let readError = Self.error { () throws(WireError) in
                _ = try StatusUpdate(wire: bytes).record?.decode()
            }

            #expect(fullError != nil)
            #expect(readError == fullError)
        }
    }

    /// Whenever the full codec reads some bytes, `StatusUpdate(wire:)` reads them too and
    /// agrees; whenever it does not, either reading them throws or decoding the record throws
    /// the full codec's error (then nothing outside the record is malformed).
    @Test func mutatedMessagesReadAsUpdatesAgreeWithTheFullCodec() throws {
        var random = SeededGenerator(seed: 0x5747_0002)
        let generated = (0..<64).map { _ in RecordGenerator.message(&random).wireBytes() }
        let seeds = try MutationFuzzTests.corpus().map(\.bytes) + generated
        var mutator = Mutator(seed: 0x5747_0003, corpus: seeds)
        var agreed = 0
        var failedInDecode = 0
        var failedInRead = 0

        for _ in 0..<20_000 {
            let (_, input) = mutator.next()
            let full: WorkloadStatusStreamMessage
            do {
                full = try WorkloadStatusStreamMessage(wire: input)
            } catch {
                let read: StatusUpdate
                do {
                    read = try StatusUpdate(wire: input)
                } catch {
                    failedInRead += 1
                    continue
                }
                let decodeError = Self.error { () throws(WireError) in _ = try read.record?.decode() }
                #expect(decodeError == error, "\(input)")
                failedInDecode += 1
                continue
            }
            let read = try StatusUpdate(wire: input)
            try Self.expectSame(read, StatusUpdate(full), decoded: full)
            agreed += 1
        }

        #expect(agreed > 2_000)
        #expect(failedInDecode > 100)
        #expect(failedInRead > 2_000)
    }

    // MARK: Digest

    @Test func theDigestIsTheSameWhateverTheOrderOfMapEntries() throws {
        var random = SeededGenerator(seed: 0x5747_0004)
        var reordered = 0

        for _ in 0..<300 {
            let workload = RecordGenerator.workload(&random, minimumEntries: 2)
            let digest = WorkloadRecord(workload).digest
            let ordered = HandEncoder.workload(workload)
            for _ in 0..<4 {
                let shuffled = HandEncoder.workload(workload, shuffledWith: &random)
                let update = try StatusUpdate(wire: HandEncoder.message(id: workload.id, record: shuffled))

                #expect(WorkloadRecord.digest(of: shuffled) == digest)
                #expect(update.record?.digest == digest)
                #expect(try update.record?.decode() == workload)
                reordered += shuffled == ordered ? 0 : 1
            }
        }
        #expect(reordered > 1_000)
    }

    @Test func theDigestChangesWhenAnyFieldButTheStatusChanges() {
        let base = Samples.streamMessage.workload!
        let changes: [(String, (inout Workload) -> Void)] = [
            ("id", { $0.id += "0" }),
            ("podname", { $0.podname = "pod2" }),
            ("nodename", { $0.nodename = "node-8" }),
            ("name", { $0.name = "web_api_qwertz" }),
            ("privileged", { $0.privileged.toggle() }),
            ("label value", { $0.labels["team"] = "dev" }),
            ("label key", { $0.labels["teams"] = $0.labels.removeValue(forKey: "team") }),
            ("label added", { $0.labels["new"] = "" }),
            ("label removed", { $0.labels["ERU"] = nil }),
            ("label moved to publish", { $0.publish["team"] = $0.labels.removeValue(forKey: "team") }),
            ("publish value", { $0.publish["calico"] = "10.233.1.17:81" }),
            ("publish removed", { $0.publish = [:] }),
            ("image", { $0.image = "registry.local/web:2" }),
            ("createTime", { $0.createTime += 1 }),
            ("env value", { $0.env[1] = "B=3" }),
            ("env order", { $0.env.reverse() }),
            ("env added", { $0.env.append("") }),
            ("resources", { $0.resources = "" }),
        ]
        var digests = [WorkloadRecord(base).digest: "unchanged"]

        for (field, change) in changes {
            var workload = base
            change(&workload)
            let digest = WorkloadRecord(workload).digest

            #expect(digests[digest] == nil, "changing the \(field) gives the digest of \(digests[digest] ?? "")")
            #expect(WorkloadRecord.digest(of: workload.wireBytes()) == digest, "\(field)")
            digests[digest] = field
        }
    }

    @Test func theDigestLeavesOutTheStatusItsContentAndWhetherThereIsOne() throws {
        var random = SeededGenerator(seed: 0x5747_0005)

        for _ in 0..<300 {
            var workload = RecordGenerator.workload(&random, minimumEntries: 0)
            let digests = try [nil, WorkloadStatus(), RecordGenerator.status(&random)].map { status in
                workload.status = status
                let bytes = workload.wireBytes()
                let update = try StatusUpdate(wire: HandEncoder.message(id: workload.id, record: bytes))
                return [WorkloadRecord(workload).digest, WorkloadRecord.digest(of: bytes), update.record?.digest]
            }

            #expect(Set(digests.joined()).count == 1, "\(workload)")
        }
    }

    @Test func anUnknownFieldChangesTheDigestButNotTheDecodedWorkload() throws {
        let workload = Samples.streamMessage.workload!

        for unknown in UnknownField.all {
            let bytes = workload.wireBytes() + unknown.bytes
            let update = try StatusUpdate(wire: HandEncoder.message(id: workload.id, record: bytes))

            #expect(WorkloadRecord.digest(of: bytes) != WorkloadRecord(workload).digest, "\(unknown)")
            #expect(update.record?.digest == WorkloadRecord.digest(of: bytes), "\(unknown)")
            #expect(try update.record?.decode() == workload, "\(unknown)")
        }
    }

    /// Protobuf keeps the last value of a repeated map key, so the order of entries counts when
    /// a key repeats; Go never writes one twice, but the digest must not be fooled when one does.
    @Test func encodingsWithTheSameDigestDecodeToTheSameWorkloadEvenWithARepeatedMapKey() throws {
        var workload = Samples.streamMessage.workload!
        workload.labels = [:]
        let oneThenTwo = HandEncoder.workload(workload, labels: [("k", "1"), ("a", "b"), ("k", "2")])
        let twoThenOne = HandEncoder.workload(workload, labels: [("k", "2"), ("a", "b"), ("k", "1")])

        let first = try StatusUpdate(wire: HandEncoder.message(id: workload.id, record: oneThenTwo))
        let second = try StatusUpdate(wire: HandEncoder.message(id: workload.id, record: twoThenOne))

        #expect(try first.record?.decode().labels == ["k": "2", "a": "b"])
        #expect(try second.record?.decode().labels == ["k": "1", "a": "b"])
        #expect(first.record?.digest != second.record?.digest)
        #expect(WorkloadRecord.digest(of: oneThenTwo) != WorkloadRecord.digest(of: twoThenOne))
    }

    @Test func theDigestOfBytesTheScanCannotReadIsStillNonZeroAndStable() {
        let garbage: [[UInt8]] = [[0x80], [0xFF, 0xFF], [0x0A, 0x7F, 0x01], []]

        for bytes in garbage {
            #expect(WorkloadRecord.digest(of: bytes) != 0)
            #expect(WorkloadRecord.digest(of: bytes) == WorkloadRecord.digest(of: bytes))
        }
        #expect(WorkloadRecord.digest(of: [0x80]) != WorkloadRecord.digest(of: [0xFF, 0xFF]))
    }

    // MARK: Helpers

    /// Checks that two updates of one message agree and that the record decodes to its workload.
    private static func expectSame(
        _ read: StatusUpdate, _ made: StatusUpdate, decoded message: WorkloadStatusStreamMessage,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(read.id == made.id, sourceLocation: sourceLocation)
        #expect(read.error == made.error, sourceLocation: sourceLocation)
        #expect(read.delete == made.delete, sourceLocation: sourceLocation)
        #expect(read.status == made.status, sourceLocation: sourceLocation)
        #expect(read.record?.id == made.record?.id, sourceLocation: sourceLocation)
        #expect((read.record == nil) == (message.workload == nil), sourceLocation: sourceLocation)
        #expect(try read.record?.decode() == message.workload, sourceLocation: sourceLocation)
        if let digest = read.record?.digest { #expect(digest != 0, sourceLocation: sourceLocation) }
    }

    private static func error(_ body: () throws(WireError) -> Void) -> WireError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    private static func fields(_ build: (inout WireWriter) -> Void) -> [UInt8] {
        var writer = WireWriter()
        build(&writer)
        return writer.bytes
    }

    private static func status(id: String, running: Bool) -> WorkloadStatus {
        var status = WorkloadStatus()
        status.id = id
        status.running = running
        status.healthy = running
        return status
    }
}

private enum MessageField {
    static let id = 1001, workload = 1002, status = 1003, error = 1004, delete = 1005
}

private enum WorkloadField {
    static let id = 1001, podname = 1002, nodename = 1003, name = 1004, privileged = 1005
    static let labels = 1006, publish = 1007, image = 1008, status = 1009, createTime = 1010
    static let env = 1011, resources = 1012
}

/// Writes records field by field, in field-number order as Go does, with the map entries in an
/// order of the test's choosing.
private enum HandEncoder {
    /// `workload` with its map entries in random order.
    static func workload(_ workload: Workload, shuffledWith random: inout SeededGenerator) -> [UInt8] {
        let labels = workload.labels.map { ($0.key, $0.value) }.shuffled(using: &random)
        let publish = workload.publish.map { ($0.key, $0.value) }.shuffled(using: &random)
        return self.workload(workload, labels: labels, publish: publish)
    }

    /// `workload` with its map entries in ascending key order, as `WireWriter` writes them.
    static func workload(_ workload: Workload) -> [UInt8] {
        self.workload(
            workload, labels: workload.labels.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            publish: workload.publish.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        )
    }

    /// `workload` with `labels` and `publish` written as these entries (its own maps ignored).
    static func workload(
        _ workload: Workload, labels: [(String, String)], publish: [(String, String)] = []
    ) -> [UInt8] {
        var writer = WireWriter()
        writer.writeImplicit(workload.id, field: WorkloadField.id)
        writer.writeImplicit(workload.podname, field: WorkloadField.podname)
        writer.writeImplicit(workload.nodename, field: WorkloadField.nodename)
        writer.writeImplicit(workload.name, field: WorkloadField.name)
        writer.writeImplicit(workload.privileged, field: WorkloadField.privileged)
        for (key, value) in labels { entry(key, value, field: WorkloadField.labels, into: &writer) }
        for (key, value) in publish { entry(key, value, field: WorkloadField.publish, into: &writer) }
        writer.writeImplicit(workload.image, field: WorkloadField.image)
        writer.writeOptional(workload.status, field: WorkloadField.status)
        writer.writeImplicit(workload.createTime, field: WorkloadField.createTime)
        writer.writeStrings(workload.env, field: WorkloadField.env)
        writer.writeImplicit(workload.resources, field: WorkloadField.resources)
        return writer.bytes
    }

    /// A stream message carrying an encoded record and no status of its own.
    static func message(id: String, record: [UInt8]) -> [UInt8] {
        var writer = WireWriter()
        writer.writeImplicit(id, field: MessageField.id)
        writer.writeBytes(record, field: MessageField.workload)
        return writer.bytes
    }

    private static func entry(_ key: String, _ value: String, field: Int, into writer: inout WireWriter) {
        var entry = WireWriter()
        entry.writeString(key, field: 1)
        entry.writeString(value, field: 2)
        writer.writeBytes(entry.bytes, field: field)
    }
}

/// Random stream messages and workloads covering every field, empty and long values included.
private enum RecordGenerator {
    static func message(_ random: inout SeededGenerator) -> WorkloadStatusStreamMessage {
        var message = WorkloadStatusStreamMessage()
        let workload = self.workload(&random, minimumEntries: 0)
        message.id = Int.random(in: 0..<8, using: &random) == 0 ? text(&random) : workload.id
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            message.error = text(&random)
            message.delete = Bool.random(using: &random)
        case 1:
            message.delete = Bool.random(using: &random)
        default:
            message.workload = workload
            if Bool.random(using: &random) { message.status = status(&random) }
            message.delete = Int.random(in: 0..<8, using: &random) == 0
        }
        return message
    }

    static func workload(_ random: inout SeededGenerator, minimumEntries: Int) -> Workload {
        var workload = Workload()
        workload.id = text(&random, long: true)
        workload.podname = text(&random)
        workload.nodename = text(&random)
        workload.name = text(&random, long: true)
        workload.privileged = Bool.random(using: &random)
        workload.labels = map(&random, minimumCount: minimumEntries)
        workload.publish = map(&random, minimumCount: Int.random(in: 0...minimumEntries, using: &random))
        workload.image = text(&random)
        switch Int.random(in: 0..<3, using: &random) {
        case 0: workload.status = nil
        case 1: workload.status = WorkloadStatus()
        default: workload.status = status(&random)
        }
        workload.createTime = Int64.random(in: .min ... .max, using: &random) >> Int64.random(in: 0...63, using: &random)
        workload.env = (0..<Int.random(in: 0...3, using: &random)).map { _ in text(&random) }
        workload.resources = text(&random, long: true)
        return workload
    }

    static func status(_ random: inout SeededGenerator) -> WorkloadStatus {
        var status = WorkloadStatus()
        status.id = text(&random)
        status.running = Bool.random(using: &random)
        status.healthy = Bool.random(using: &random)
        status.networks = map(&random, minimumCount: 0)
        status.extension = Array(text(&random, long: true).utf8)
        status.ttl = Int64.random(in: -5...5, using: &random)
        status.appname = text(&random)
        status.nodename = text(&random)
        status.entrypoint = text(&random)
        return status
    }

    private static func map(_ random: inout SeededGenerator, minimumCount: Int) -> [String: String] {
        var map: [String: String] = [:]
        let count = Int.random(in: minimumCount...(minimumCount + 6), using: &random)
        while map.count < count { map[text(&random) + "\(map.count)"] = text(&random, long: true) }
        return map
    }

    /// Often empty; with `long`, now and then past 127 bytes, so its length takes two bytes.
    private static func text(_ random: inout SeededGenerator, long: Bool = false) -> String {
        let alphabet = Array("abcxyz0189_-.:=/{}\" éü漢🙂")
        let limit = long && Int.random(in: 0..<8, using: &random) == 0 ? 300 : 12
        let count = Int.random(in: 0..<4, using: &random) == 0 ? 0 : Int.random(in: 1...limit, using: &random)
        return String((0..<count).map { _ in alphabet.randomElement(using: &random)! })
    }
}
