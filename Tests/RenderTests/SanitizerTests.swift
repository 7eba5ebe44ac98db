import Render
import Testing

@Suite struct SanitizerTests {
    @Test(arguments: [
        ("\u{1b}[31mred", "\\e[31mred"), ("a\nb\tc\rd", "a\\nb\\tc\\rd"), ("\r\n", "\\r\\n"),
        ("x\u{7f}", "x\\x7f"), ("\u{00}\u{07}", "\\x00\\x07"), ("\u{9b}2J", "\\u{9b}2J"),
        ("evil\u{202e}txt", "evil\\u{202e}txt"), ("\u{2066}a\u{2069}", "\\u{2066}a\\u{2069}"),
        ("\u{200e}\u{200f}", "\\u{200e}\\u{200f}"), ("a\u{200b}b\u{feff}", "a\\u{200b}b\\u{feff}"),
        ("👨‍👩‍👧", "👨\\u{200d}👩\\u{200d}👧"), ("bad \u{FFFD}", "bad \u{FFFD}"),
        ("東京 e\u{301}", "東京 e\u{301}"),
    ])
    func invisibleAndControlCharactersBecomeVisibleEscapes(input: String, expected: String) {
        #expect(Sanitizer.visible(input, limit: 80) == expected)
    }

    @Test func aLongValueIsCutJustPastTheLimitSoFitShowsAnEllipsis() {
        let huge = String(repeating: "abcdefghij", count: 10_000)

        let visible = Sanitizer.visible(huge, limit: 12)

        #expect(TextWidth.width(visible) == 13)
        #expect(TextWidth.fit(visible, width: 12) == "abcdefghija…")
    }

    @Test func plainASCIIIsKeptOrCutJustPastTheLimitWithItsCombiningMarks() {
        #expect(Sanitizer.visible("abc", limit: 3) == "abc")
        #expect(Sanitizer.visible("abcd", limit: 3) == "abcd")
        #expect(Sanitizer.visible("abcdef", limit: 3) == "abcd")
        #expect(Sanitizer.visible("abcd\u{301}xyz", limit: 3) == "abcd\u{301}")
        #expect(Sanitizer.visible("ab\u{1b}", limit: 3) == "ab\\e")
    }

    @Test func aHugeRunOfCombiningMarksIsCutByTheScanBudget() {
        let zalgo = "a" + String(repeating: "\u{301}", count: 100_000) + "tail"

        let visible = Sanitizer.visible(zalgo, limit: 10)

        #expect(visible.hasSuffix("…"))
        #expect(visible.unicodeScalars.count < 200)
    }

    @Test func aZeroLimitGivesNothing() {
        #expect(Sanitizer.visible("abc", limit: 0) == "")
    }

    @Test func sanitizedTextNeverHoldsAControlCharacter() {
        let nasty = (0..<0x200).compactMap(Unicode.Scalar.init).map(String.init).joined()
            + "\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}\u{200b}\u{200c}\u{200d}\u{feff}"

        var grid = Grid(rows: 1, cols: 2000)
        grid.write(Sanitizer.visible(nasty, limit: 2000), row: 0, col: 0, maxWidth: 2000, style: .plain)

        expectNoControls(grid)
    }
}
