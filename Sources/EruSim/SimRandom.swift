import SeededRandom

/// A small seeded generator (SplitMix64) so that a seed reproduces the same cluster and churn.
struct SimRandom: RandomNumberGenerator {
    private var base: SplitMix64

    init(seed: UInt64) {
        base = SplitMix64(seed: seed)
    }

    mutating func next() -> UInt64 { base.next() }

    /// A 64-character lowercase hex string, shaped like a docker container ID.
    mutating func hexID() -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<64).map { _ in digits[Int.random(in: 0..<16, using: &self)] })
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
