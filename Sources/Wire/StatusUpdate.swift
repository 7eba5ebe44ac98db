/// One `WorkloadStatusStreamMessage` in the form a table applies it (eru-api.md §4.5).
///
/// Everything is decoded except the embedded workload record, which is kept as bytes with a
/// digest. Nearly every stream message re-sends a record the table already holds, only with
/// a new status; comparing two digests costs a fraction of decoding the record (a dozen
/// strings, two maps) and comparing it field by field. The record is decoded only when its
/// digest differs from the one the table holds.
public struct StatusUpdate: Sendable {
    public var id = ""
    public var error = ""
    public var delete = false
    /// The message's own `status`, else the embedded workload's; nil when it has neither.
    public var status: WorkloadStatus?
    /// The embedded workload; nil when the message has none.
    public var record: WorkloadRecord?

    public init() {}

    /// The workload the update is about: the record's own ID, else the message's.
    @inlinable
    public var workloadID: String {
        if let recordID = record?.id, !recordID.isEmpty { return recordID }
        return id
    }

    /// The update a decoded message makes.
    public init(_ message: WorkloadStatusStreamMessage) {
        id = message.id
        error = message.error
        delete = message.delete
        status = message.status ?? message.workload?.status
        record = message.workload.map(WorkloadRecord.init)
    }

    /// Reads a message from `bytes`. Malformed bytes outside the record throw as the full codec
    /// does; malformed bytes inside it throw from `record.decode()`. The unusual shapes the
    /// digest cannot stand for (the workload or its status sent in several pieces, which
    /// protobuf merges, or a map key written twice, whose last value protobuf keeps) go
    /// through the full codec.
    public init(wire bytes: [UInt8]) throws(WireError) {
        let read = bytes.withUnsafeBytes { buffer in
            Result { () throws(WireError) in try Self.read(buffer, bytes) }
        }
        self = try read.get()
    }

    private enum Field {
        static let id = 1001, workload = 1002, status = 1003, error = 1004, delete = 1005
    }

    private static func read(_ buffer: UnsafeRawBufferPointer, _ bytes: [UInt8]) throws(WireError) -> StatusUpdate {
        var update = StatusUpdate()
        var reader = WireReader(buffer)
        var scan: WorkloadRecord.Scan?
        var workloadRange: Range<Int>?
        while let tag = try reader.nextTag() {
            switch tag.field {
            case Field.id: update.id = try reader.readString(tag)
            case Field.workload:
                guard scan == nil, tag.wireType == .lengthDelimited else {
                    return StatusUpdate(try WorkloadStatusStreamMessage(wire: buffer))
                }
                var sub = try reader.readSubMessage()
                workloadRange = sub.unreadRange
                scan = try WorkloadRecord.Scan(&sub)
            case Field.status: try reader.readMessage(tag, into: &update.status)
            case Field.error: update.error = try reader.readString(tag)
            case Field.delete: update.delete = try reader.readBool(tag)
            default: try reader.skipField(tag)
            }
        }
        guard let scan, let workloadRange else { return update }
        if scan.needsFullCodec { return StatusUpdate(try WorkloadStatusStreamMessage(wire: buffer)) }
        if update.status == nil, let range = scan.statusRange {
            // Two levels down (message, workload), as the full codec reads it.
            update.status = try WorkloadStatus(nestedIn: buffer, at: range, depth: 2)
        }
        let recordID = scan.idRange.map { range in
            // Most records repeat the message's ID: share that string instead of a second copy.
            let idBytes = UnsafeRawBufferPointer(rebasing: buffer[range])
            var messageID = update.id
            let same = messageID.withUTF8 { UnsafeRawBufferPointer($0).hasSameBytes(as: idBytes) }
            return same ? update.id : String(decoding: idBytes, as: UTF8.self)
        }
        update.record = WorkloadRecord(digest: scan.digest, id: recordID ?? "", bytes: bytes, range: workloadRange)
        return update
    }
}

/// A `Workload` record with a digest of everything but its status, decoded on demand.
public struct WorkloadRecord: Sendable {
    /// Equal for two encodings of the same record whatever the order of their map entries (Go
    /// writes map entries in random order), different otherwise but for a 2^-64 chance. The
    /// status field is left out. Never 0, so 0 can stand for "no digest". Seeded per process:
    /// compare digests only within one run.
    public let digest: Int
    /// The record's own `id` field; "" when it has none.
    public let id: String
    private let source: Source

    private enum Source: Sendable {
        case decoded(Workload)
        case encoded([UInt8], Range<Int>)
    }

    fileprivate init(digest: Int, id: String, bytes: [UInt8], range: Range<Int>) {
        self.digest = digest
        self.id = id
        source = .encoded(bytes, range)
    }

    /// The record of a decoded workload.
    public init(_ workload: Workload) {
        var bytes = workload
        bytes.status = nil
        digest = Self.digest(of: bytes.wireBytes())
        id = workload.id
        source = .decoded(workload)
    }

    /// The workload, status included.
    public func decode() throws(WireError) -> Workload {
        switch source {
        case .decoded(let workload):
            return workload
        case .encoded(let bytes, let range):
            let decoded = bytes.withUnsafeBytes { buffer in
                Result { () throws(WireError) in try Workload(nestedIn: buffer, at: range, depth: 1) }
            }
            return try decoded.get()
        }
    }

    /// The digest of an encoded `Workload` (a listed one, say). Bytes the scan cannot read, or
    /// whose maps may repeat a key, get a digest of all their bytes in order instead.
    public static func digest(of bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { buffer in
            var reader = WireReader(buffer)
            guard let scan = try? Scan(&reader), !scan.mayRepeatKey else { return Scan.hashOfAll(buffer) }
            return scan.digest
        }
    }

    /// One pass over a `Workload`'s fields: the digest, and where the ID and status lie.
    fileprivate struct Scan {
        private enum Field {
            static let id = 1001, labels = 1006, publish = 1007, status = 1009
        }

        private(set) var digest = 0
        private(set) var idRange: Range<Int>?
        private(set) var statusRange: Range<Int>?
        /// How many status fields the record has (protobuf merges several).
        private var statusFields = 0
        /// Whether a map key may be written twice (or there are too many to tell). Protobuf
        /// keeps the last value of a repeated key, so then the order of the entries counts,
        /// which the digest leaves out.
        private(set) var mayRepeatKey = false
        /// Hashes of the map keys read so far, to find one written twice.
        private var keys = InlineArray<32, UInt64>(repeating: 0)
        private var keyCount = 0

        /// A status in several pieces, or not a message, or a map key that may repeat: left to
        /// the full codec.
        var needsFullCodec: Bool { statusFields > 1 || (statusFields == 1 && statusRange == nil) || mayRepeatKey }

        /// Hashes the fields in order as one stream, except map entries, which are hashed one by
        /// one and summed (so their order does not count), and the status, which is left out.
        /// `RecordHash` does not see where the stream was cut, so whether a status or map
        /// entries sit between two fields does not count either.
        init(_ reader: inout WireReader) throws(WireError) {
            var sequence = RecordHash()
            var entries: UInt64 = 0
            while let tag = try reader.nextTag() {
                switch (tag.field, tag.wireType) {
                case (Field.id, .lengthDelimited):
                    idRange = try reader.readLengthDelimitedRange()
                    reader.hashRun(tag.offset..<reader.offset, into: &sequence)
                case (Field.labels, _), (Field.publish, _):
                    if tag.wireType == .lengthDelimited {
                        var entry = try reader.readSubMessage()
                        note(key: Self.keyHash(field: tag.field, &entry))
                    } else {
                        try reader.skipField(tag)
                    }
                    var entry = RecordHash()
                    reader.hashRun(tag.offset..<reader.offset, into: &entry)
                    entries &+= entry.value
                case (Field.status, _):
                    statusFields += 1
                    statusRange = tag.wireType == .lengthDelimited ? try reader.readLengthDelimitedRange() : nil
                    if statusRange == nil { try reader.skipField(tag) }
                default:
                    try reader.skipField(tag)
                    reader.hashRun(tag.offset..<reader.offset, into: &sequence)
                }
            }
            sequence.add(entries)
            digest = Self.nonZero(sequence.value)
        }

        /// The hash of a map entry's key (its last field 1, the one protobuf keeps) and of the
        /// map's field number; nil when the entry cannot be read, which decoding reports.
        private static func keyHash(field: Int, _ entry: inout WireReader) -> UInt64? {
            var key = entry.plainMapEntryKey()
            if key == nil {
                do {
                    while let tag = try entry.nextTag() {
                        if tag.field == 1, tag.wireType == .lengthDelimited {
                            key = try entry.readLengthDelimitedRange()
                        } else {
                            try entry.skipField(tag)
                        }
                    }
                } catch {
                    return nil
                }
            }
            var hash = RecordHash()
            hash.add(UInt64(field))
            if let key { entry.hashRun(key, into: &hash) }
            return hash.value
        }

        private mutating func note(key: UInt64?) {
            guard let key, !mayRepeatKey else { return }
            guard keyCount < keys.count else {
                mayRepeatKey = true
                return
            }
            for index in 0..<keyCount where keys[index] == key {
                mayRepeatKey = true
                return
            }
            keys[keyCount] = key
            keyCount += 1
        }

        static func hashOfAll(_ buffer: UnsafeRawBufferPointer) -> Int {
            var hash = RecordHash()
            hash.add(buffer)
            return nonZero(hash.value)
        }

        private static func nonZero(_ value: UInt64) -> Int { value == 0 ? 1 : Int(bitPattern: UInt(value)) }
    }
}

extension WireMessage {
    /// Decodes the message at `range` of `buffer`, `depth` levels down in it, so that errors
    /// and the nesting limit are those of decoding the whole of `buffer`.
    fileprivate init(nestedIn buffer: UnsafeRawBufferPointer, at range: Range<Int>, depth: Int) throws(WireError) {
        self.init()
        var reader = WireReader(buffer, range: range, depth: depth)
        try merge(from: &reader)
    }
}

extension UnsafeRawBufferPointer {
    /// Byte equality eight bytes at a time (`elementsEqual` goes byte by byte through an
    /// iterator).
    fileprivate func hasSameBytes(as other: UnsafeRawBufferPointer) -> Bool {
        guard count == other.count else { return false }
        var offset = 0
        while offset + 8 <= count {
            if loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != other.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
            offset += 8
        }
        while offset < count {
            if self[offset] != other[offset] { return false }
            offset += 1
        }
        return true
    }
}
