/// Terminal column widths, computed the way glibc's `wcwidth` does in a UTF-8 locale (ncurses
/// measures with it): East Asian Wide and Fullwidth and emoji presentation take 2 columns,
/// combining marks, format characters and Hangul medial/final jamo take 0, everything else 1.
/// Ambiguous-width characters count as narrow. A grapheme cluster is as wide as its first
/// scalar, capped at 2.
public enum TextWidth {
    /// Columns one grapheme cluster takes.
    public static func width(_ c: Character) -> Int {
        if let ascii = c.asciiValue { return ascii >= 0x20 && ascii != 0x7F ? 1 : 0 }
        guard let first = c.unicodeScalars.first else { return 0 }
        return width(first)
    }

    /// Columns a whole string takes.
    public static func width(_ s: String) -> Int {
        let utf8 = s.utf8
        let plain = plainASCIIPrefix(utf8, limit: .max)
        guard plain < utf8.count else { return plain }
        var total = plain
        for character in s[utf8.index(utf8.startIndex, offsetBy: plain)...] { total += width(character) }
        return total
    }

    /// How many of the leading bytes of `utf8` (at most `limit`) are printable ASCII characters
    /// standing alone: each is a whole grapheme cluster one column wide, since the byte after it
    /// is ASCII too (no combining mark can join it) or there is none. Reads at most `limit` + 1
    /// bytes. The text before that many bytes can be handled byte by byte.
    static func plainASCIIPrefix(_ utf8: String.UTF8View, limit: Int) -> Int {
        var count = 0
        for byte in utf8 {
            // A non-ASCII scalar may be a combining mark that belongs to the byte before it.
            if byte >= 0x80 { return max(0, count - 1) }
            if count >= limit || byte < 0x20 || byte == 0x7F { return count }
            count += 1
        }
        return count
    }

    /// `s` made exactly `width` columns wide: padded with spaces, or cut at a grapheme boundary
    /// and ended with "…" (plus a space when a wide glyph would have straddled the cut). Looks at
    /// no more of `s` than `width` + 1 columns' worth.
    public static func fit(_ s: String, width: Int) -> String {
        guard width > 0 else { return "" }
        let utf8 = s.utf8
        let plain = plainASCIIPrefix(utf8, limit: width + 1)
        if plain > width {
            return s[..<utf8.index(utf8.startIndex, offsetBy: width - 1)] + "…"
        }
        if plain == utf8.count {
            return s + String(repeating: " ", count: width - plain)
        }
        var kept = ""
        var used = 0
        var keptBeforeEllipsis = ""
        var usedBeforeEllipsis = 0
        for character in s {
            let w = self.width(character)
            if used + w > width {
                let padding = String(repeating: " ", count: width - 1 - usedBeforeEllipsis)
                return keptBeforeEllipsis + "…" + padding
            }
            kept.append(character)
            used += w
            // Remember the longest prefix that still leaves one column for the ellipsis.
            if used <= width - 1 {
                keptBeforeEllipsis = kept
                usedBeforeEllipsis = used
            }
        }
        return kept + String(repeating: " ", count: width - used)
    }

    /// Columns one Unicode scalar takes (0 for controls).
    static func width(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }
        if v == 0xAD { return 1 }  // soft hyphen: glibc gives it a column
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return 0 }
        if v == 0x200B { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .lineSeparator, .paragraphSeparator: return 0
        default: break
        }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth blocks (the emoji among them come from the Unicode
    /// property instead).
    private static func isWide(_ v: UInt32) -> Bool {
        guard v >= 0x1100 else { return false }
        for range in wideRanges {
            if v < range.lowerBound { return false }
            if v <= range.upperBound { return true }
        }
        return false
    }

    /// Sorted, non-overlapping.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul initial jamo
        0x2329...0x232A,  // angle brackets
        0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols
        0x3041...0x33FF,  // kana, bopomofo, Hangul compatibility jamo, CJK compatibility
        0x3400...0x9FFF,  // CJK extension A, Yijing hexagrams (wide in glibc), CJK unified
        0xA000...0xA4CF,  // Yi
        0xA960...0xA97F,  // Hangul jamo extended A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19,  // vertical forms
        0xFE30...0xFE6F,  // CJK compatibility forms, small forms
        0xFF00...0xFF60,  // fullwidth forms
        0xFFE0...0xFFE6,  // fullwidth signs
        0x16FE0...0x16FE4,  // ideographic symbols
        0x17000...0x18CFF,  // Tangut, Khitan
        0x1B000...0x1B2FF,  // kana supplement, Nushu
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x2FFFD,  // CJK extensions B..F
        0x30000...0x3FFFD,  // CJK extension G and beyond
    ]
}
