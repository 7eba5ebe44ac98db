/// The protobuf wire types (the low three bits of every tag).
public enum WireType: UInt8, Sendable, Equatable, CaseIterable {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    /// Proto2 groups; proto3 never declares them, so the reader only skips them.
    case startGroup = 3
    case endGroup = 4
    case fixed32 = 5
}

/// Why bytes could not be decoded. Every offset counts from the start of the outermost input,
/// so it points at the offending byte even when the failure sits inside a sub-message.
public enum WireError: Error, Sendable, Equatable {
    /// The input ended inside the varint that starts at `offset`.
    case truncatedVarint(offset: Int)
    /// The varint at `offset` runs past 10 bytes or encodes more than 64 bits.
    case varintOverflow(offset: Int)
    /// A fixed-width value of `width` bytes at `offset` runs past the end of its message.
    case truncatedFixed(offset: Int, width: Int)
    /// The length prefix at `offset` claims `length` bytes but only `available` remain.
    case lengthBeyondEnd(offset: Int, length: UInt64, available: Int)
    /// The tag at `offset` names field 0 or one above 2^29 - 1.
    case invalidFieldNumber(UInt64, offset: Int)
    /// The tag at `offset` uses wire type 6 or 7, which do not exist.
    case invalidWireType(UInt8, offset: Int)
    /// A known field arrived with a wire type its declaration does not allow.
    case wrongWireType(field: Int, expected: WireType, found: WireType, offset: Int)
    /// An end-group tag at `offset` closes no open group, or closes a different field's group.
    case unmatchedEndGroup(field: Int, offset: Int)
    /// The group opened at `offset` is still open when its message ends.
    case unterminatedGroup(field: Int, offset: Int)
    /// Groups (or sub-messages) at `offset` nest deeper than `limit` levels.
    case nestingTooDeep(limit: Int, offset: Int)
}

extension WireError: CustomStringConvertible {
    /// A one-line explanation suitable for a log line or a status bar.
    public var description: String {
        switch self {
        case .truncatedVarint(let offset):
            "truncated varint at byte \(offset)"
        case .varintOverflow(let offset):
            "varint longer than 64 bits at byte \(offset)"
        case .truncatedFixed(let offset, let width):
            "truncated \(width)-byte fixed value at byte \(offset)"
        case .lengthBeyondEnd(let offset, let length, let available):
            "length \(length) at byte \(offset) exceeds the \(available) bytes left"
        case .invalidFieldNumber(let number, let offset):
            "invalid field number \(number) at byte \(offset)"
        case .invalidWireType(let type, let offset):
            "invalid wire type \(type) at byte \(offset)"
        case .wrongWireType(let field, let expected, let found, let offset):
            "field \(field) at byte \(offset) has wire type \(found), expected \(expected)"
        case .unmatchedEndGroup(let field, let offset):
            "end of group \(field) at byte \(offset) matches no open group"
        case .unterminatedGroup(let field, let offset):
            "group \(field) opened at byte \(offset) is never closed"
        case .nestingTooDeep(let limit, let offset):
            "nesting deeper than \(limit) levels at byte \(offset)"
        }
    }
}
