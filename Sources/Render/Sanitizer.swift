/// Makes server text safe to draw: every character that could move the cursor, start a
/// terminal escape sequence, reorder text or hide in zero width becomes a visible escape.
///
/// C0 controls and DEL become `\e`, `\n`, `\r`, `\t` or `\x01`-style escapes; C1 controls,
/// bidi controls (U+200E/F, U+202A–202E, U+2066–2069), zero-width characters (U+200B–200D,
/// U+FEFF) and line/paragraph separators become `\u{…}`. U+FFFD is left alone.
public enum Sanitizer {
    /// The visible form of `s`, looking only at its first `limit` columns' worth.
    ///
    /// When `s` is longer the result is cut: either it is wider than `limit` (so that
    /// `TextWidth.fit(_, width: limit)` ends it with "…"), or, when a run of zero-width
    /// characters exhausted the scan budget, it already ends with "…".
    public static func visible(_ s: String, limit: Int) -> String {
        guard limit > 0 else { return "" }
        // Plain ASCII needs no escapes: the text itself, or its first `limit` + 1 columns.
        let utf8 = s.utf8
        let plain = TextWidth.plainASCIIPrefix(utf8, limit: limit + 1)
        if plain == utf8.count { return s }
        if plain > limit { return String(s[..<utf8.index(utf8.startIndex, offsetBy: plain)]) }

        // At most this many scalars are read, so a 100 KB value (or one huge grapheme
        // cluster of combining marks) costs no more than a short one.
        let budget = limit * 4 + 64
        let scalars = s.unicodeScalars
        let end = scalars.index(scalars.startIndex, offsetBy: budget, limitedBy: scalars.endIndex)
        let cut = end != nil && end != scalars.endIndex
        let head = cut ? String(String.UnicodeScalarView(scalars[..<end!])) : s

        var out = ""
        var used = 0
        for character in head {
            if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F {
                out.append(character)
                used += 1
            } else if !character.unicodeScalars.contains(where: needsEscape) {
                out.append(character)
                used += TextWidth.width(character)
            } else {
                for scalar in character.unicodeScalars {
                    if needsEscape(scalar) {
                        let escaped = escape(scalar)
                        out += escaped
                        used += escaped.utf8.count
                    } else {
                        out.unicodeScalars.append(scalar)
                        used += TextWidth.width(scalar)
                    }
                }
            }
            if used > limit { return out }
        }
        return cut ? out + "…" : out
    }

    /// C0 controls, DEL and C1 controls: the scalars a terminal acts on.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Controls plus the invisible scalars that can disguise text.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F: true
        case 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        case 0x2028, 0x2029, 0xFEFF: true
        default: false
        }
    }

    /// The visible escape for one scalar that `needsEscape`.
    static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x1B: return "\\e"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0..<0x20, 0x7F:
            let hex = String(scalar.value, radix: 16)
            return "\\x" + (hex.count < 2 ? "0" + hex : hex)
        default:
            return "\\u{" + String(scalar.value, radix: 16) + "}"
        }
    }
}
