/// A small seeded generator (SplitMix64) so that a seed reproduces the same cluster and churn.
struct SimRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A 64-character lowercase hex string, shaped like a docker container ID.
    /// Built from four draws, one hex digit per nibble, so that seeding 100k workloads is quick.
    mutating func hexID() -> String {
        String(unsafeUninitializedCapacity: 64) { buffer in
            for word in 0..<4 {
                let value = next()
                for nibble in 0..<16 {
                    let digit = UInt8(truncatingIfNeeded: value >> (60 - 4 * nibble)) & 0xF
                    buffer[word * 16 + nibble] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
                }
            }
            return 64
        }
    }

    /// `count` random lowercase letters, like the ident at the end of a workload name.
    mutating func letters(_ count: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz")
        return String((0..<count).map { _ in alphabet[Int.random(in: 0..<26, using: &self)] })
    }

    /// A private IPv4 address in 10.0.0.0/8.
    mutating func ipv4() -> String {
        let a = Int.random(in: 0...255, using: &self)
        let b = Int.random(in: 0...255, using: &self)
        let c = Int.random(in: 1...254, using: &self)
        return "10.\(a).\(b).\(c)"
    }
}
