/// How a run of text is drawn: colours and video attributes.
public struct TextAttributes: Sendable, Hashable {
    /// -1 is the terminal's default colour; 0...7 are the ANSI colours (up to 255 when the terminal has them).
    public var foreground: Int16
    /// -1 is the terminal's default background.
    public var background: Int16
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(
        foreground: Int16 = -1,
        background: Int16 = -1,
        bold: Bool = false,
        dim: Bool = false,
        reverse: Bool = false,
        underline: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    /// Default colours, no attributes.
    public static let plain = TextAttributes()
}
