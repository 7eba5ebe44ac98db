/// A fast 64-bit hash for telling two encodings of a record apart: eight bytes per multiply,
/// where `Hasher` (SipHash) spends several rounds. Keyed with a per-process random seed, so
/// inputs cannot be chosen to collide without knowing it; digests mean nothing across runs.
///
/// Bytes are one continuous stream: how they are split across `add` calls does not change the
/// value, so a record's fields can be fed one by one, skipping some, and still hash like the
/// same fields written back to back.
public struct RecordHash {
    private static let seed = UInt64.random(in: .min ... .max)

    private var state = RecordHash.seed
    /// Bytes of the stream not yet making a full word, little-endian, and how many.
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private var length: UInt64 = 0

    public init() {}

    /// Adds the length of `text`, then its UTF-8, so "ab","c" differs from "a","bc".
    public mutating func add(_ text: String) {
        var text = text
        add(UInt64(text.utf8.count))
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    /// Adds `value`'s eight bytes to the stream.
    public mutating func add(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { add($0) }
    }

    /// Adds bytes to the stream.
    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        length &+= UInt64(count)
        var offset = 0
        if pendingCount > 0 {
            while pendingCount < 8, offset < count {
                pending |= UInt64(bytes[offset]) << (8 * UInt64(pendingCount))
                pendingCount += 1
                offset += 1
            }
            guard pendingCount == 8 else { return }
            state = Self.mix(state ^ pending)
            pending = 0
            pendingCount = 0
        }
        while offset + 8 <= count {
            state = Self.mix(state ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        while offset < count {
            pending |= UInt64(bytes[offset]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            offset += 1
        }
    }

    public var value: UInt64 {
        var hash = state
        // The count of pending bytes tells trailing zero bytes from padding.
        if pendingCount > 0 { hash = Self.mix(hash ^ pending ^ (UInt64(pendingCount) << 56)) }
        hash = Self.mix(hash ^ length)
        return Self.mix(hash ^ (hash >> 29))
    }

    /// One multiply and one shift: every input bit reaches the high half, and the shift brings
    /// the high half back down. Invertible, so a step never merges two states.
    private static func mix(_ value: UInt64) -> UInt64 {
        let product = (value ^ (value >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return product ^ (product >> 32)
    }
}
