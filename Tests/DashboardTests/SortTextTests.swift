import Testing

@testable import Dashboard

@Suite struct SortTextTests {
    /// ASCII with shared prefixes, a NUL, prefixes of each other, and non-ASCII text in both
    /// composed and decomposed form (String orders those by their normalised form).
    static let samples = [
        "", "a", "ab", "ab\u{0}", "abcdefgh", "abcdefgh1", "abcdefgi", "abcdefg", "B", "billing_api_x",
        "billing_api_y", "billing_worker", "z", "caf\u{E9}", "cafe\u{301}", "cafe", "cafez", "\u{1F600}",
        "\u{7F}", "abcdefg\u{E9}",
    ]

    @Test func comparesExactlyAsStringDoes() {
        for a in Self.samples {
            for b in Self.samples {
                let expected = ComparisonOrder(a, b)
                #expect(SortText(a).compare(SortText(b)) == expected, "\(a.debugDescription) vs \(b.debugDescription)")
            }
        }
    }
}
