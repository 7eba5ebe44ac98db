import SeededRandom
import Testing
import Wire

/// The shared seeded generator, under the name these tests use.
typealias SeededGenerator = SplitMix64

/// Random and mutated bytes: every decoder must throw or decode, never crash, and whatever it
/// decodes must survive a re-encode unchanged.
@Suite struct GarbageInputTests {
    /// Bytes that steer a decoder into its interesting paths: Eru tags, group tags, varint
    /// continuation bytes, small lengths.
    static let palette: [UInt8] = [
        0x00, 0x01, 0x02, 0x0B, 0x0C, 0x3E, 0x3F, 0x80, 0xFF, 0xCA, 0xDA, 0xD2, 0xE2,
    ]

    @Test func randomBytesNeverCrashAnyDecoder() throws {
        var random = SeededGenerator(seed: 0xE2C0_FFEE)
        var decodedCount = 0

        for _ in 0..<3_000 {
            let length = Int.random(in: 0...48, using: &random)
            let usePalette = Bool.random(using: &random)
            let bytes = (0..<length).map { _ in
                usePalette
                    ? Self.palette.randomElement(using: &random) ?? 0
                    : UInt8.random(in: 0...255, using: &random)
            }
            for type in FuzzProperty.messageTypes where try Self.decodesStably(type, bytes) {
                decodedCount += 1
            }
        }

        #expect(decodedCount > 0, "the generator should produce some decodable inputs too")
    }

    @Test func mutatedValidMessagesNeverCrashTheDecoder() throws {
        var random = SeededGenerator(seed: 42)
        let originals = [Samples.streamMessage.wireBytes(), Samples.deployOptions.wireBytes()]

        for round in 0..<3_000 {
            var bytes = originals[round % originals.count]
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes.remove(at: index)
                default: bytes.insert(Self.palette.randomElement(using: &random) ?? 0, at: index)
                }
            }
            _ = try Self.decodesStably(WorkloadStatusStreamMessage.self, bytes)
            _ = try Self.decodesStably(DeployOptions.self, bytes)
        }
    }

    /// Decodes `bytes` as `type`, holding it to `FuzzProperty`; returns whether it decoded.
    private static func decodesStably<M: WireMessage>(_ type: M.Type, _ bytes: [UInt8]) throws -> Bool {
        try bytes.withUnsafeBytes { try FuzzProperty.check(type, $0) }
    }
}
