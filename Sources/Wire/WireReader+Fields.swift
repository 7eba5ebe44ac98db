/// Typed field reads: each checks the tag's wire type against the field's declaration first.
///
/// Strings are decoded leniently: invalid UTF-8 becomes U+FFFD instead of failing the message,
/// so one hostile label cannot make a whole workload disappear from the dashboard. Repeated
/// fields in the Eru messages are all strings or messages, so there is no packed encoding to
/// accept.
extension WireReader {
    /// Reads a `string` field, replacing invalid UTF-8 with U+FFFD.
    public mutating func readString(_ tag: WireTag) throws(WireError) -> String {
        try expect(.lengthDelimited, for: tag)
        return String(decoding: try readLengthDelimited(), as: UTF8.self)
    }

    /// Reads a `bytes` field.
    public mutating func readBytes(_ tag: WireTag) throws(WireError) -> [UInt8] {
        try expect(.lengthDelimited, for: tag)
        return [UInt8](try readLengthDelimited())
    }

    /// Reads a `bool` field; any non-zero varint is true.
    public mutating func readBool(_ tag: WireTag) throws(WireError) -> Bool {
        try expect(.varint, for: tag)
        return try readVarint() != 0
    }

    /// Reads an `int64` field.
    public mutating func readInt64(_ tag: WireTag) throws(WireError) -> Int64 {
        try expect(.varint, for: tag)
        return Int64(bitPattern: try readVarint())
    }

    /// Reads an `int32` or enum field, keeping the low 32 bits as proto3 parsers do.
    public mutating func readInt32(_ tag: WireTag) throws(WireError) -> Int32 {
        try expect(.varint, for: tag)
        return Int32(truncatingIfNeeded: try readVarint())
    }

    /// Reads a singular sub-message field, merging into the value already there (proto3 rule).
    public mutating func readMessage<M: WireMessage>(
        _ tag: WireTag,
        into message: inout M?
    ) throws(WireError) {
        try expect(.lengthDelimited, for: tag)
        var sub = try readSubMessage()
        var value = message ?? M()
        message = nil  // leaves `value` uniquely referenced, so merging does not copy its storage
        try value.merge(from: &sub)
        message = value
    }

    /// Reads one element of a repeated sub-message field.
    public mutating func readMessage<M: WireMessage>(_ tag: WireTag) throws(WireError) -> M {
        try expect(.lengthDelimited, for: tag)
        var sub = try readSubMessage()
        var value = M()
        try value.merge(from: &sub)
        return value
    }

    /// Reads one `map<string, string>` entry into `map`; a repeated key keeps the last value.
    public mutating func readMapEntry(_ tag: WireTag, into map: inout [String: String]) throws(WireError) {
        try readMapEntry(tag, into: &map, emptyValue: "") { String(decoding: $0, as: UTF8.self) }
    }

    /// Reads one `map<string, bytes>` entry into `map`; a repeated key keeps the last value.
    public mutating func readMapEntry(_ tag: WireTag, into map: inout [String: [UInt8]]) throws(WireError) {
        try readMapEntry(tag, into: &map, emptyValue: []) { [UInt8]($0) }
    }

    /// Map entries are sub-messages `{1: key, 2: value}`; either may be missing (then default).
    private mutating func readMapEntry<Value>(
        _ tag: WireTag,
        into map: inout [String: Value],
        emptyValue: Value,
        value makeValue: (UnsafeRawBufferPointer) -> Value
    ) throws(WireError) {
        try expect(.lengthDelimited, for: tag)
        if map.isEmpty {
            // Growing a dictionary entry by entry rehashes it several times, so size it for the
            // entries ahead (`init(minimumCapacity:)` is specialized here; `reserveCapacity` is not).
            map = Dictionary(minimumCapacity: 1 + countFollowing(tag))
        }
        var entry = try readSubMessage()
        var key = ""
        var value = emptyValue
        while let field = try entry.nextTag() {
            switch field.field {
            case 1:
                key = try entry.readString(field)
            case 2:
                try entry.expect(.lengthDelimited, for: field)
                value = makeValue(try entry.readLengthDelimited())
            default:
                try entry.skipField(field)
            }
        }
        map[key] = value
    }

    /// How many fields like `tag` directly follow the current one, counting up to `limit`.
    /// Encoders write a map's entries back to back, so the run is the rest of the map. A
    /// capacity hint only: malformed bytes end the count early (decoding reports them), and the
    /// limit keeps a flood of duplicate keys from reserving a huge table.
    private func countFollowing(_ tag: WireTag, limit: Int = 63) -> Int {
        var scout = self
        var count = 0
        guard (try? scout.readLengthDelimited()) != nil else { return 0 }
        while count < limit, let next = try? scout.nextTag(), next.field == tag.field,
            next.wireType == tag.wireType, (try? scout.readLengthDelimited()) != nil
        {
            count += 1
        }
        return count
    }

    private func expect(_ wireType: WireType, for tag: WireTag) throws(WireError) {
        guard tag.wireType == wireType else {
            throw .wrongWireType(
                field: tag.field, expected: wireType, found: tag.wireType, offset: tag.offset)
        }
    }
}
