import Foundation
import Render
import Testing

@Suite struct TextWidthTests {
    @Test(arguments: [
        ("a", 1), ("東", 2), ("한", 2), ("ア", 2), ("ｱ", 1), ("😀", 2), ("🚀", 2), ("e\u{301}", 1),
        ("\u{301}", 0), ("\u{200B}", 0), ("€", 1), ("°", 1), ("×", 1), ("α", 1), ("…", 1), ("Ａ", 2),
        ("👍🏽", 2), ("👨‍👩‍👧", 2), ("🇯🇵", 2), ("\u{1160}", 0), ("\u{FFFD}", 1), ("\u{1b}", 0),
    ] as [(Character, Int)])
    func aCharacterHasTheWidthATerminalGivesIt(character: Character, width: Int) {
        #expect(TextWidth.width(character) == width)
    }

    @Test func aStringIsAsWideAsItsCharacters() {
        #expect(TextWidth.width("") == 0)
        #expect(TextWidth.width("ab東京😀") == 8)
    }

    @Test func fitAlwaysGivesExactlyTheRequestedWidth() {
        let samples = [
            "", "abc", "東京タワー", "a東b京c", "😀😀😀😀😀😀😀", "e\u{301}e\u{301}東", "abcdefghijklmnop",
        ]
        for sample in samples {
            for width in 0...12 {
                let fitted = TextWidth.fit(sample, width: width)
                #expect(TextWidth.width(fitted) == width, "\(sample) at \(width): |\(fitted)|")
                if TextWidth.width(sample) > width && width > 0 {
                    #expect(fitted.contains("…"), "\(sample) at \(width): |\(fitted)|")
                }
            }
        }
    }

    @Test func aCombiningMarkAfterPlainASCIICountsWithItsLetter() {
        #expect(TextWidth.width("abc\u{301}") == 3)
        #expect(TextWidth.width("abc\u{301}d東") == 6)
        #expect(TextWidth.fit("abcde\u{301}", width: 5) == "abcde\u{301}")
        #expect(TextWidth.fit("abcde\u{301}", width: 4) == "abc…")
        #expect(TextWidth.fit("abcde\u{301}f", width: 5) == "abcd…")
        #expect(TextWidth.fit("abcdef", width: 5) == "abcd…")
    }

    @Test func fitNeverSplitsAWideGlyph() {
        #expect(TextWidth.fit("東京タワー", width: 4) == "東… ")
        #expect(TextWidth.fit("東京タワー", width: 5) == "東京…")
        #expect(TextWidth.fit("東京", width: 4) == "東京")
        #expect(TextWidth.fit("ab", width: 4) == "ab  ")
        #expect(TextWidth.fit("abc", width: 1) == "…")
    }

    /// ncurses measures with glibc's `wcwidth`, so the two must agree wherever that matters.
    /// Characters newer than glibc 2.36's Unicode 14 tables are left out: glibc rejects them.
    @Test func widthAgreesWithGlibcWcwidth() throws {
        typealias WCWidth = @convention(c) (Int32) -> Int32
        let handle = try #require(dlopen(nil, RTLD_NOW))
        defer { dlclose(handle) }
        let symbol = try #require(dlsym(handle, "wcwidth"))
        let wcwidth = unsafeBitCast(symbol, to: WCWidth.self)
        let previous = String(cString: setlocale(LC_CTYPE, nil))
        defer { setlocale(LC_CTYPE, previous) }
        try #require(setlocale(LC_CTYPE, "C.UTF-8") != nil)

        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0xA0...0x2FF, 0x300...0x36F, 0x1100...0x11FF, 0x2000...0x206F,
            0x2E80...0x9FFF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE6F, 0xFF00...0xFFEF,
            0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF, 0x20000...0x2A6DF,
        ]
        var mismatches: [String] = []
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value), let age = scalar.properties.age,
                    age.major < 14 || (age.major == 14 && age.minor == 0)
                else { continue }
                let expected = max(0, Int(wcwidth(Int32(value))))
                if TextWidth.width(Character(scalar)) != expected {
                    mismatches.append(String(value, radix: 16))
                }
            }
        }
        #expect(mismatches.isEmpty, "differ from wcwidth: \(mismatches.prefix(40))")
    }
}
