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
