import Wire

/// Seeded mutations of corpus messages, in the spirit of libFuzzer's but without coverage
/// feedback: bit flips, byte overwrites, inserts and deletes, repeated bytes, splices from another
/// seed, and one mutation that knows protobuf, rewriting a length prefix.
struct Mutator {
    private var random: SeededGenerator
    private let corpus: [[UInt8]]

    /// - Parameter corpus: the seeds: at least one, though a seed may be empty.
    init(seed: UInt64, corpus: [[UInt8]]) {
        precondition(!corpus.isEmpty, "a mutator needs at least one seed")
        random = SeededGenerator(seed: seed)
        self.corpus = corpus
    }

    /// A seed from the corpus, by index, with one mutation, or now and then two to four stacked.
    mutating func next() -> (seed: Int, bytes: [UInt8]) {
        let seed = Int.random(in: 0..<corpus.count, using: &random)
        var bytes = corpus[seed]
        let stacked = Int.random(in: 0..<4, using: &random) == 0
        for _ in 0..<(stacked ? Int.random(in: 2...4, using: &random) : 1) {
            mutate(&bytes)
        }
        return (seed, bytes)
    }

    private mutating func mutate(_ bytes: inout [UInt8]) {
        // An empty input can only grow.
        let choice = bytes.isEmpty ? 3 : Int.random(in: 0..<8, using: &random)
        switch choice {
        case 0:
            let index = position(in: bytes)
            bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        case 1:
            bytes[position(in: bytes)] = interestingByte()
        case 2:
            let start = position(in: bytes)
            let end = min(bytes.count, start + Int.random(in: 1...8, using: &random))
            bytes.removeSubrange(start..<end)
        case 3:
            let count = Int.random(in: 1...4, using: &random)
            let inserted = (0..<count).map { _ in interestingByte() }
            bytes.insert(contentsOf: inserted, at: position(orEndOf: bytes))
        case 4:
            // Long runs of one byte: nested group starts, varint continuations, zero padding.
            let count = Int.random(in: 8...128, using: &random)
            let run = [UInt8](repeating: interestingByte(), count: count)
            bytes.insert(contentsOf: run, at: position(orEndOf: bytes))
        case 5:
            splice(into: &bytes)
        case 6:
            let start = position(in: bytes)
            let end = min(bytes.count, start + Int.random(in: 1...64, using: &random))
            let copy = bytes[start..<end]
            bytes.insert(contentsOf: copy, at: position(orEndOf: bytes))
        default:
            tamperWithLengthPrefix(in: &bytes)
        }
    }

    /// Replaces the tail of `bytes` from a random point with a random slice of another seed.
    private mutating func splice(into bytes: inout [UInt8]) {
        let donor = corpus[Int.random(in: 0..<corpus.count, using: &random)]
        guard !donor.isEmpty else { return }
        let from = position(in: donor)
        let to = Int.random(in: from...donor.count, using: &random)
        bytes.replaceSubrange(position(orEndOf: bytes)..., with: donor[from..<to])
    }

    /// Rewrites one length prefix: off by a little, zero, the rest of the input, huge, or the
    /// same value spelled with redundant continuation bytes (legal, and not what we write).
    private mutating func tamperWithLengthPrefix(in bytes: inout [UInt8]) {
        let prefixes = Self.lengthPrefixes(in: bytes)
        guard let prefix = prefixes.randomElement(using: &random) else { return }
        let (length, width) = Self.varint(at: prefix, in: bytes)
        let replacement: [UInt8]
        switch Int.random(in: 0..<5, using: &random) {
        case 0: replacement = Self.varintBytes(length &+ UInt64.random(in: 1...3, using: &random))
        case 1: replacement = Self.varintBytes(length &- UInt64.random(in: 1...3, using: &random))
        case 2: replacement = Self.varintBytes(UInt64(bytes.count - prefix))
        case 3: replacement = Self.varintBytes(Self.extremeLengths.randomElement(using: &random)!)
        default:
            let padded = Int.random(in: width...10, using: &random)
            replacement = Self.paddedVarint(length, width: padded)
        }
        bytes.replaceSubrange(prefix..<prefix + width, with: replacement)
    }

    private static let extremeLengths: [UInt64] = [0, 0x7FFF_FFFF, 1 << 32, 1 << 63]

    private mutating func position(in bytes: [UInt8]) -> Int {
        Int.random(in: 0..<bytes.count, using: &random)
    }

    private mutating func position(orEndOf bytes: [UInt8]) -> Int {
        Int.random(in: 0...bytes.count, using: &random)
    }

    private mutating func interestingByte() -> UInt8 {
        Bool.random(using: &random)
            ? GarbageInputTests.palette.randomElement(using: &random)!
            : UInt8.random(in: 0...255, using: &random)
    }
}

extension Mutator {
    /// Offsets of the length prefixes in `bytes`, nested ones included: every length-delimited
    /// payload that parses as fields is searched too (a string may parse, which is fine here).
    static func lengthPrefixes(in bytes: [UInt8]) -> [Int] {
        bytes.withUnsafeBytes { buffer in
            var reader = WireReader(buffer)
            var found: [Int] = []
            collectLengthPrefixes(&reader, into: &found)
            return found
        }
    }

    private static func collectLengthPrefixes(_ reader: inout WireReader, into found: inout [Int]) {
        while let tag = try? reader.nextTag() {
            if tag.wireType == .lengthDelimited {
                let prefix = reader.offset
                guard var payload = try? reader.readSubMessage() else { return }
                found.append(prefix)
                collectLengthPrefixes(&payload, into: &found)
            } else if (try? reader.skipField(tag)) == nil {
                return
            }
        }
    }

    /// The value and byte width of the well-formed varint at `offset`.
    static func varint(at offset: Int, in bytes: [UInt8]) -> (value: UInt64, width: Int) {
        Array(bytes[offset...]).withUnsafeBytes { buffer in
            var reader = WireReader(buffer)
            let value = (try? reader.readVarint()) ?? 0
            return (value, reader.offset)
        }
    }

    static func varintBytes(_ value: UInt64) -> [UInt8] {
        var writer = WireWriter()
        writer.writeVarint(value)
        return writer.bytes
    }

    /// `value` as a varint of exactly `width` bytes (at least its minimal size, at most 10).
    static func paddedVarint(_ value: UInt64, width: Int) -> [UInt8] {
        var rest = value
        var bytes: [UInt8] = []
        for _ in 1..<width {
            bytes.append(UInt8(truncatingIfNeeded: rest) & 0x7F | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: rest))
        return bytes
    }
}
