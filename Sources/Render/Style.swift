/// A terminal colour. `standard` is the terminal's own default foreground or background.
public enum Color: Sendable, Hashable {
    case standard, black, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell is drawn: colours plus attributes. The presenter maps it to curses attributes.
public struct Style: Sendable, Hashable {
    public var foreground: Color = .standard
    public var background: Color = .standard
    public var bold = false
    public var dim = false
    public var reverse = false
    public var underline = false

    /// The terminal's default look.
    public static let plain = Style()

    public init(
        foreground: Color = .standard, background: Color = .standard, bold: Bool = false,
        dim: Bool = false, reverse: Bool = false, underline: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    /// This style with `reverse` switched on, used for bars and the selected row.
    var reversed: Style {
        var style = self
        style.reverse = true
        return style
    }
}

extension Color {
    /// Every colour, in the order of `code`.
    private static let byCode: [Color] = [.standard, .black, .red, .green, .yellow, .blue, .magenta, .cyan, .white]

    /// A number below 16 for packing into a cell (see `CellCode`).
    var code: UInt64 {
        switch self {
        case .standard: 0
        case .black: 1
        case .red: 2
        case .green: 3
        case .yellow: 4
        case .blue: 5
        case .magenta: 6
        case .cyan: 7
        case .white: 8
        }
    }

    /// The colour whose `code` is `code`; the terminal's default for a number no colour has.
    init(code: UInt64) {
        self = code < Color.byCode.count ? Color.byCode[Int(code)] : .standard
    }
}

extension Style {
    /// The style in 12 bits: foreground and background (4 bits each), then bold, dim, reverse
    /// and underline.
    var code: UInt64 {
        foreground.code | background.code << 4 | (bold ? 1 << 8 : 0) | (dim ? 1 << 9 : 0)
            | (reverse ? 1 << 10 : 0) | (underline ? 1 << 11 : 0)
    }

    /// The style packed by `code`.
    init(code: UInt64) {
        self.init(
            foreground: Color(code: code & 0xF), background: Color(code: code >> 4 & 0xF),
            bold: code & 1 << 8 != 0, dim: code & 1 << 9 != 0, reverse: code & 1 << 10 != 0,
            underline: code & 1 << 11 != 0)
    }
}

/// One screen cell. A wide glyph occupies its own cell (width 2) and the cell to its right,
/// which is a continuation cell (width 0) that the presenter skips.
public struct Cell: Sendable, Equatable {
    public var character: Character
    /// 1, 2, or 0 for the right half of the wide glyph to its left.
    public var width: Int8
    public var style: Style

    public init(character: Character = " ", width: Int8 = 1, style: Style = .plain) {
        self.character = character
        self.width = width
        self.style = style
    }

    /// An empty cell in `style`.
    static func blank(_ style: Style) -> Cell { Cell(character: " ", width: 1, style: style) }
}
