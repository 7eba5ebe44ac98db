import SeededRandom
import Testing

@testable import Wire

/// `RecordHash` is a stream: the digest scan relies on cuts not counting.
struct RecordHashTests {
    static func hash(_ bytes: [UInt8], cutAt cuts: [Int]) -> UInt64 {
        var hash = RecordHash()
        var start = 0
        for cut in cuts.sorted() + [bytes.count] {
            bytes[start..<cut].withUnsafeBytes { hash.add($0) }
            start = cut
        }
        return hash.value
    }

    @Test func howTheBytesAreCutDoesNotChangeTheValue() {
        var random = SplitMix64(seed: 11)
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 300] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let whole = Self.hash(bytes, cutAt: [])
            for _ in 0..<20 {
                let cuts = (0..<Int(random.next() % 6)).map { _ in length == 0 ? 0 : Int(random.next() % UInt64(length + 1)) }
                #expect(Self.hash(bytes, cutAt: cuts) == whole, "length \(length), cuts \(cuts)")
            }
        }
    }

    @Test func anyChangedOrAddedByteChangesTheValue() {
        var random = SplitMix64(seed: 12)
        let bytes = (0..<40).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let whole = Self.hash(bytes, cutAt: [])
        for index in bytes.indices {
            var changed = bytes
            changed[index] ^= 1
            #expect(Self.hash(changed, cutAt: []) != whole, "byte \(index)")
        }
        // Trailing zero bytes are bytes, not padding.
        #expect(Self.hash(bytes + [0], cutAt: []) != whole)
        #expect(Self.hash([0], cutAt: []) != Self.hash([], cutAt: []))
    }

    @Test func textsAreLengthTaggedSoTheirBoundariesCount() {
        var first = RecordHash()
        first.add("ab")
        first.add("c")
        var second = RecordHash()
        second.add("a")
        second.add("bc")
        #expect(first.value != second.value)
    }
}
