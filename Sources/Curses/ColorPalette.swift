import CNcurses

/// Colour pairs, allocated on first use for each foreground/background combination.
///
/// Pair 0 is the terminal's default colours. When the pairs run out (64 on `linux`), further
/// combinations fall back to pair 0 rather than failing the draw.
struct ColorPalette {
    private struct Combination: Hashable {
        var foreground: Int16
        var background: Int16
    }

    /// 0 when colours are off or the terminal has none.
    let colorCount: Int
    /// Whether `use_default_colors` let -1 mean the terminal's own colours.
    private let defaultColors: Bool
    /// Highest pair number `init_pair` accepts (its argument is a C short).
    private let highestPair: Int
    private var pairs: [Combination: Int16] = [:]

    /// `start_color` and `use_default_colors` on the current screen, when enabled and supported.
    static func start(enabled: Bool) -> ColorPalette {
        guard enabled, has_colors(), start_color() == OK else {
            return ColorPalette(colorCount: 0, defaultColors: false, highestPair: 0)
        }
        return ColorPalette(
            colorCount: Int(cnc_colors()),
            defaultColors: use_default_colors() == OK,
            highestPair: min(Int(cnc_color_pairs()) - 1, Int(Int16.max))
        )
    }

    /// The pair to draw `attributes` with, allocating it if needed; 0 when colours are off.
    mutating func pair(for attributes: TextAttributes) -> Int16 {
        guard colorCount > 0 else { return 0 }
        let combination = Combination(
            foreground: resolve(attributes.foreground, fallback: Int16(COLOR_WHITE)),
            background: resolve(attributes.background, fallback: Int16(COLOR_BLACK))
        )
        if combination == Combination(foreground: -1, background: -1) {
            return 0
        }
        if let pair = pairs[combination] {
            return pair
        }
        let next = pairs.count + 1
        guard next <= highestPair,
            init_pair(Int16(next), combination.foreground, combination.background) == OK
        else { return 0 }
        pairs[combination] = Int16(next)
        return Int16(next)
    }

    /// A colour the terminal can show: out-of-range values and -1 become the default colour
    /// (or `fallback` when the terminal cannot use its default colours in pairs).
    private func resolve(_ color: Int16, fallback: Int16) -> Int16 {
        let known = color >= 0 && Int(color) < colorCount
        if known {
            return color
        }
        return defaultColors ? -1 : fallback
    }
}
