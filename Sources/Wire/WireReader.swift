/// One field key read from the wire: field number, wire type, and where the tag started.
public struct WireTag: Sendable, Equatable {
    public let field: Int
    public let wireType: WireType
    /// Offset of the tag's first byte from the start of the outermost input.
    public let offset: Int

    public init(field: Int, wireType: WireType, offset: Int) {
        self.field = field
        self.wireType = wireType
        self.offset = offset
    }
}

/// A cursor over protobuf bytes that decodes in place, without copying the input.
///
/// The reader borrows the buffer it was made from: use it only while that buffer is alive (inside
/// the `withUnsafeBytes` closure that produced it). Every read checks bounds against the current
/// message's end and throws `WireError` on malformed input; nothing here traps on hostile bytes.
///
/// Groups (wire types 3 and 4) cannot be declared in proto3, but an unknown group is still
/// skipped like any other unknown field, with matching start and end tags required and nesting
/// limited to `maxDepth`, so a hostile run of start-group tags throws instead of exhausting the
/// stack.
public struct WireReader {
    /// How many sub-messages and groups may nest inside one another.
    public static let maxDepth = 100

    /// The whole input; `position` and `end` index into it, so error offsets are absolute.
    private let buffer: UnsafeRawBufferPointer
    private var position: Int
    /// One past the last byte of the message being read (a sub-message ends before its parent).
    private let end: Int
    /// How many sub-messages enclose this one.
    private let depth: Int

    /// A reader over a whole message.
    public init(_ buffer: UnsafeRawBufferPointer) {
        self.init(buffer: buffer, position: 0, end: buffer.count, depth: 0)
    }

    /// A reader over the message at `range` of `buffer` that sits `depth` levels down, as the
    /// reader of its enclosing message would make it: offsets count from the start of `buffer`
    /// and the nesting limit counts the levels above.
    init(_ buffer: UnsafeRawBufferPointer, range: Range<Int>, depth: Int) {
        self.init(buffer: buffer, position: range.lowerBound, end: range.upperBound, depth: depth)
    }

    private init(buffer: UnsafeRawBufferPointer, position: Int, end: Int, depth: Int) {
        self.buffer = buffer
        self.position = position
        self.end = end
        self.depth = depth
    }

    /// Offset of the next byte from the start of the outermost input.
    public var offset: Int { position }

    /// The bytes of the current message not read yet, as offsets into the outermost input.
    public var unreadRange: Range<Int> { position..<end }

    /// For a reader over a map entry written the usual way (field 1, the key, then field 2,
    /// the value, both shorter than 128 bytes, nothing else), where its key lies; nil for any
    /// other shape, which has to be walked field by field.
    func plainMapEntryKey() -> Range<Int>? {
        guard end - position >= 2, buffer[position] == 0x0A, buffer[position + 1] < 0x80 else { return nil }
        let key = (position + 2)..<(position + 2 + Int(buffer[position + 1]))
        if key.upperBound == end { return key }
        guard end - key.upperBound >= 2, buffer[key.upperBound] == 0x12, buffer[key.upperBound + 1] < 0x80,
            key.upperBound + 2 + Int(buffer[key.upperBound + 1]) == end
        else { return nil }
        return key
    }

    /// Feeds the bytes at `range` (offsets into the outermost input) to `hash`.
    func hashRun(_ range: Range<Int>, into hash: inout RecordHash) {
        guard !range.isEmpty else { return }
        hash.add(UnsafeRawBufferPointer(rebasing: buffer[range]))
    }

    /// Whether the current message has no bytes left.
    public var isAtEnd: Bool { position >= end }

    /// Reads the next field key, or returns nil at the end of the current message.
    public mutating func nextTag() throws(WireError) -> WireTag? {
        guard position < end else { return nil }
        let start = position
        let key = try readVarint()
        let number = key >> 3
        guard number >= 1, number <= 0x1FFF_FFFF else {
            throw .invalidFieldNumber(number, offset: start)
        }
        let rawType = UInt8(truncatingIfNeeded: key & 7)
        guard let wireType = WireType(rawValue: rawType) else {
            throw .invalidWireType(rawType, offset: start)
        }
        return WireTag(field: Int(number), wireType: wireType, offset: start)
    }

    /// Reads a base-128 varint of at most 10 bytes; a 10th byte above 1 would overflow 64 bits.
    @inline(__always)
    public mutating func readVarint() throws(WireError) -> UInt64 {
        // Fast paths: lengths and bools take one byte, Eru's tags (fields 1001+) take two.
        if position < end {
            let first = buffer[position]
            if first < 0x80 {
                position += 1
                return UInt64(first)
            }
            if end - position >= 2 {
                let second = buffer[position + 1]
                if second < 0x80 {
                    position += 2
                    return UInt64(first & 0x7F) | UInt64(second) << 7
                }
            }
        }
        return try readLongVarint()
    }

    private mutating func readLongVarint() throws(WireError) -> UInt64 {
        let start = position
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < end {
            let byte = buffer[position]
            position += 1
            if shift == 63 {
                guard byte <= 1 else { throw .varintOverflow(offset: start) }
                return result | UInt64(byte) << 63
            }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        throw .truncatedVarint(offset: start)
    }

    /// Reads a length prefix and returns the bytes it covers, moving past them.
    public mutating func readLengthDelimited() throws(WireError) -> UnsafeRawBufferPointer {
        let range = try readLengthDelimitedRange()
        return UnsafeRawBufferPointer(rebasing: buffer[range])
    }

    /// Reads a length prefix and returns a reader over the sub-message it covers.
    public mutating func readSubMessage() throws(WireError) -> WireReader {
        let start = position
        let range = try readLengthDelimitedRange()
        guard depth < Self.maxDepth else { throw .nestingTooDeep(limit: Self.maxDepth, offset: start) }
        return WireReader(buffer: buffer, position: range.lowerBound, end: range.upperBound, depth: depth + 1)
    }

    /// Moves past the value of `tag`, whatever its wire type.
    public mutating func skipField(_ tag: WireTag) throws(WireError) {
        switch tag.wireType {
        case .varint: _ = try readVarint()
        case .fixed64: try skipFixed(width: 8)
        case .lengthDelimited: _ = try readLengthDelimitedRange()
        case .startGroup: try skipGroup(opened: tag, depth: depth + 1)
        case .endGroup: throw .unmatchedEndGroup(field: tag.field, offset: tag.offset)
        case .fixed32: try skipFixed(width: 4)
        }
    }

    /// Reads a length prefix and returns where the bytes it covers lie in the outermost input,
    /// moving past them.
    public mutating func readLengthDelimitedRange() throws(WireError) -> Range<Int> {
        let start = position
        let length = try readVarint()
        let available = end - position
        guard length <= UInt64(available) else {
            throw .lengthBeyondEnd(offset: start, length: length, available: available)
        }
        let lower = position
        position += Int(length)
        return lower..<position
    }

    private mutating func skipFixed(width: Int) throws(WireError) {
        guard end - position >= width else { throw .truncatedFixed(offset: position, width: width) }
        position += width
    }

    /// Skips up to and including the end-group tag that matches `opened`.
    private mutating func skipGroup(opened: WireTag, depth groupDepth: Int) throws(WireError) {
        guard groupDepth <= Self.maxDepth else {
            throw .nestingTooDeep(limit: Self.maxDepth, offset: opened.offset)
        }
        while let tag = try nextTag() {
            switch tag.wireType {
            case .endGroup:
                guard tag.field == opened.field else {
                    throw .unmatchedEndGroup(field: tag.field, offset: tag.offset)
                }
                return
            case .startGroup:
                try skipGroup(opened: tag, depth: groupDepth + 1)
            default:
                try skipField(tag)
            }
        }
        throw .unterminatedGroup(field: opened.field, offset: opened.offset)
    }
}
