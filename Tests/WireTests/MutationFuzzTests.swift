import Foundation
import Testing
import Wire

/// The part of fuzzing that CI runs: a fixed-seed mutation loop over the committed corpus in
/// `Fuzz/corpus/`, holding every decoder to `FuzzProperty`. It needs no libFuzzer runtime; the
/// coverage-guided long run is `Fuzz/run.sh` (see Fuzz/README.md).
@Suite struct MutationFuzzTests {
    static let inputCount = 30_000

    static let corpusFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus")

    /// The committed seeds with their file names, in name order.
    static func corpus() throws -> [(name: String, bytes: [UInt8])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: corpusFolder.path)
        return try names.filter { $0.hasSuffix(".bin") }.sorted().map { name in
            (name, [UInt8](try Data(contentsOf: corpusFolder.appendingPathComponent(name))))
        }
    }

    @Test func everyMessageKindHasASeedThatDecodesAsThatKind() throws {
        let corpus = try Self.corpus()

        for type in FuzzProperty.messageTypes {
            let seeds = corpus.filter { $0.name.hasPrefix("\(type)-") }
            #expect(!seeds.isEmpty, "no seed for \(type) in Fuzz/corpus")
            for seed in seeds {
                let decoded = try seed.bytes.withUnsafeBytes { try FuzzProperty.check(type, $0) }
                #expect(decoded, "\(seed.name) does not decode as \(type)")
            }
        }
        let named = corpus.filter { seed in
            FuzzProperty.messageTypes.contains { seed.name.hasPrefix("\($0)-") }
        }
        #expect(named.count == corpus.count, "every seed's name starts with its message type")
    }

    /// Each mutated input goes to the decoder of its seed's message type, where most of it still
    /// parses, and to one other decoder in turn, so every decoder also sees foreign bytes.
    /// (libFuzzer, in `Fuzz/run.sh`, feeds every input to every decoder.)
    @Test func mutatedSeedsKeepTheRoundTripPropertyInEveryDecoder() throws {
        let corpus = try Self.corpus()
        let seedTypes = try corpus.map { seed in
            try #require(FuzzProperty.messageTypes.first { seed.name.hasPrefix("\($0)-") })
        }
        var mutator = Mutator(seed: 0x5EED_F022, corpus: corpus.map(\.bytes))
        var decodes = 0
        var rejectionKinds: [String: Int] = [:]

        for round in 0..<Self.inputCount {
            let (seed, input) = mutator.next()
            let otherType = FuzzProperty.messageTypes[round % FuzzProperty.messageTypes.count]
            try input.withUnsafeBytes { buffer in
                for type in [seedTypes[seed], otherType] {
                    let decoded = try FuzzProperty.check(type, buffer) { error in
                        rejectionKinds[Self.kind(of: error), default: 0] += 1
                    }
                    decodes += decoded ? 1 : 0
                }
            }
        }

        let attempts = 2 * Self.inputCount
        let rejections = rejectionKinds.values.reduce(0, +)
        let kinds = rejectionKinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        print(
            "mutation fuzz: \(Self.inputCount) inputs, \(attempts) decodes, \(decodes) decoded and "
                + "round-tripped, \(rejections) rejected (\(kinds.joined(separator: ", ")))"
        )
        #expect(decodes + rejections == attempts)
        // The loop is only worth its time if both sides of the property get exercised. Most
        // mutations break the framing of an enclosing message, so one in twenty is the floor.
        #expect(decodes > attempts / 20, "too few mutated inputs decode to test the round trip")
        #expect(Set(rejectionKinds.keys) == Self.allKinds, "mutations missed a way to reject input")
    }

    /// The case name of `error`, without its payload.
    private static func kind(of error: WireError) -> String {
        Mirror(reflecting: error).children.first?.label ?? "\(error)"
    }

    private static let allKinds: Set<String> = [
        "truncatedVarint", "varintOverflow", "truncatedFixed", "lengthBeyondEnd",
        "invalidFieldNumber", "invalidWireType", "wrongWireType", "unmatchedEndGroup",
        "unterminatedGroup", "nestingTooDeep",
    ]
}
