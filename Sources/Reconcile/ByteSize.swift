/// Human-readable sizes as eru-cli reads `--memory` and `--storage`: an optional leading `-`, a
/// decimal number, an optional space and an optional binary unit `K`, `M`, `G`, `T` or `P`
/// (case-insensitive, optionally followed by `i` and/or `B`). A bare number is bytes.
enum ByteSize {
    /// Bytes for `text`, or nil when it is not a size.
    static func parse(_ text: String) -> Int64? {
        var rest = Substring(text)
        let sign: Double = rest.hasPrefix("-") ? -1 : 1
        if sign < 0 { rest = rest.dropFirst() }

        let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard let first = number.first, first.isNumber, let value = Double(number) else { return nil }
        rest = rest.dropFirst(number.count)
        if rest.hasPrefix(" ") { rest = rest.dropFirst() }

        var multiplier: Double = 1
        if let unit = rest.first, let power = "kmgtp".firstIndex(of: Character(unit.lowercased())) {
            multiplier = pow1024("kmgtp".distance(from: "kmgtp".startIndex, to: power) + 1)
            rest = rest.dropFirst()
            if rest.first == "i" || rest.first == "I" { rest = rest.dropFirst() }
        }
        if rest.first == "b" || rest.first == "B" { rest = rest.dropFirst() }
        guard rest.isEmpty else { return nil }

        let bytes = sign * value * multiplier
        guard bytes.magnitude < 9.2e18 else { return nil }
        return Int64(bytes)
    }

    private static func pow1024(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1) { product, _ in product * 1024 }
    }
}
