/// A fast 64-bit hash for telling two encodings of a record apart: eight bytes per multiply,
/// where `Hasher` (SipHash) spends several rounds. Keyed with a per-process random seed, so
/// inputs cannot be chosen to collide without knowing it; digests mean nothing across runs.
public struct RecordHash {
    private static let seed = UInt64.random(in: .min ... .max)

    private var state = RecordHash.seed

    public init() {}

    /// Adds the UTF-8 of `text`.
    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    /// Adds a run of bytes; runs are length-tagged, so "ab"+"c" differs from "a"+"bc".
    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var hash = state ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = Self.mix(hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count {
                tail |= UInt64(bytes[offset]) << shift
                shift += 8
                offset += 1
            }
            hash = Self.mix(hash ^ tail)
        }
        state = Self.mix(hash)
    }

    public mutating func add(_ value: UInt64) {
        state = Self.mix(state ^ value)
    }

    public var value: UInt64 { Self.mix(state ^ (state >> 29)) }

    /// One multiply and one shift: every input bit reaches the high half, and the shift brings
    /// the high half back down. Invertible, so a step never merges two states.
    private static func mix(_ value: UInt64) -> UInt64 {
        let product = (value ^ (value >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return product ^ (product >> 32)
    }
}
