/// Appends protobuf fields to a byte array.
///
/// The `write…` methods always emit their field; the `writeImplicit` overloads follow proto3
/// implicit presence and emit nothing for a default value (0, false, empty string or bytes).
/// Maps are written in ascending key order so the same message always gives the same bytes.
public struct WireWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// Appends a base-128 varint.
    public mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: rest))
    }

    /// Appends a field key.
    public mutating func writeTag(field: Int, wireType: WireType) {
        writeVarint(UInt64(field) << 3 | UInt64(wireType.rawValue))
    }

    /// Appends a length-delimited field holding `value`.
    public mutating func writeBytes(_ value: some Collection<UInt8>, field: Int) {
        writeTag(field: field, wireType: .lengthDelimited)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// Appends a `string` field as UTF-8.
    public mutating func writeString(_ value: String, field: Int) {
        writeBytes(value.utf8, field: field)
    }

    /// Appends a varint field (bool, int32, int64 or enum, already widened to 64 bits).
    public mutating func writeVarint(_ value: UInt64, field: Int) {
        writeTag(field: field, wireType: .varint)
        writeVarint(value)
    }

    /// Appends a sub-message field, even when the message has no fields set.
    public mutating func writeMessage(_ message: some WireMessage, field: Int) {
        writeTag(field: field, wireType: .lengthDelimited)
        let start = bytes.count
        bytes.append(0)  // length placeholder: one byte fits any body under 128 bytes
        message.encode(to: &self)
        let length = bytes.count - start - 1
        if length < 0x80 {
            bytes[start] = UInt8(length)
        } else {
            var prefix = WireWriter()
            prefix.writeVarint(UInt64(length))
            bytes.replaceSubrange(start..<start + 1, with: prefix.bytes)
        }
    }

    /// Appends the elements of a repeated `string` field, empty ones included.
    public mutating func writeStrings(_ values: [String], field: Int) {
        for value in values { writeString(value, field: field) }
    }

    /// Appends the elements of a repeated sub-message field.
    public mutating func writeMessages(_ values: [some WireMessage], field: Int) {
        for value in values { writeMessage(value, field: field) }
    }

    /// Appends a `map<string, string>` field, one entry per key in ascending key order.
    public mutating func writeMap(_ map: [String: String], field: Int) {
        for (key, value) in map.sorted(by: { $0.key < $1.key }) {
            writeMapEntry(key: key, value: value.utf8, field: field)
        }
    }

    /// Appends a `map<string, bytes>` field, one entry per key in ascending key order.
    public mutating func writeMap(_ map: [String: [UInt8]], field: Int) {
        for (key, value) in map.sorted(by: { $0.key < $1.key }) {
            writeMapEntry(key: key, value: value, field: field)
        }
    }

    /// Writes `{1: key, 2: value}`, both always present, as protoc and Go do.
    private mutating func writeMapEntry(key: String, value: some Collection<UInt8>, field: Int) {
        let keyCount = key.utf8.count
        let valueCount = value.count
        let entryLength = 2 + Self.varintSize(keyCount) + keyCount + Self.varintSize(valueCount) + valueCount
        writeTag(field: field, wireType: .lengthDelimited)
        writeVarint(UInt64(entryLength))
        writeBytes(key.utf8, field: 1)
        writeBytes(value, field: 2)
    }

    private static func varintSize(_ value: Int) -> Int {
        var size = 1
        var rest = value >> 7
        while rest > 0 {
            size += 1
            rest >>= 7
        }
        return size
    }
}

/// Proto3 implicit presence: a default value is not written at all.
extension WireWriter {
    public mutating func writeImplicit(_ value: String, field: Int) {
        if !value.isEmpty { writeString(value, field: field) }
    }

    public mutating func writeImplicit(_ value: [UInt8], field: Int) {
        if !value.isEmpty { writeBytes(value, field: field) }
    }

    public mutating func writeImplicit(_ value: Bool, field: Int) {
        if value { writeVarint(1, field: field) }
    }

    public mutating func writeImplicit(_ value: Int64, field: Int) {
        if value != 0 { writeVarint(UInt64(bitPattern: value), field: field) }
    }

    /// Negative values take 10 bytes: proto3 sign-extends `int32` to 64 bits on the wire.
    public mutating func writeImplicit(_ value: Int32, field: Int) {
        if value != 0 { writeVarint(UInt64(bitPattern: Int64(value)), field: field) }
    }

    /// Appends a singular sub-message field when present (present-but-empty is still written).
    public mutating func writeOptional(_ message: (some WireMessage)?, field: Int) {
        if let message { writeMessage(message, field: field) }
    }
}
