/// One grid cell packed into 64 bits, so that frames are copied and compared as plain integers.
///
/// Bits 0–31 hold the glyph: a Unicode scalar value, or `clusterFlag` plus an index into the
/// grid's table of grapheme clusters made of more than one scalar. Bits 32–33 hold the width
/// (0, 1 or 2) and bits 40–51 the style (`Style.code`).
struct CellCode: Sendable, Equatable {
    var raw: UInt64

    /// Set in `glyph` when the rest of it indexes the grid's cluster table.
    static let clusterFlag: UInt32 = 1 << 31

    /// A blank in the terminal's default look: what a new grid holds.
    static let blank = CellCode(glyph: 0x20, width: 1, style: 0)

    init(glyph: UInt32, width: Int, style: UInt64) {
        raw = UInt64(glyph) | UInt64(width & 3) << 32 | style << 40
    }

    var glyph: UInt32 { UInt32(truncatingIfNeeded: raw) }
    var width: Int { Int(raw >> 32 & 3) }
    var style: UInt64 { raw >> 40 }
    var isCluster: Bool { glyph & CellCode.clusterFlag != 0 }

    /// Everything but the glyph: two cells that agree here and show the same character match.
    var layout: UInt64 { raw >> 32 }

    /// A one-column blank in this cell's style (what is left of a wide glyph cut in half).
    var blanked: CellCode { CellCode(glyph: 0x20, width: 1, style: style) }
}
