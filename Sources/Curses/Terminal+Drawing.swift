import CNcurses

extension Terminal {
    /// Current size in cells; ncurses updates it before delivering `Key.resize`.
    public var size: (rows: Int, cols: Int) {
        (Int(cnc_getmaxy(window)), Int(cnc_getmaxx(window)))
    }

    /// Writes `text` at a cell, clipped at the right edge (a wide glyph that would straddle it is
    /// dropped, never wrapped). Off-screen positions draw nothing.
    ///
    /// - Parameter text: already free of control characters; wide characters are fine.
    public func put(row: Int, col: Int, text: String, attributes: TextAttributes) {
        let (rows, cols) = size
        guard row >= 0, row < rows, col >= 0, col < cols else { return }
        var characters: [wchar_t] = []
        characters.reserveCapacity(text.utf8.count)
        var width = 0
        for scalar in text.unicodeScalars {
            let character = wchar_t(bitPattern: scalar.value)
            // Printable ASCII, most of any frame, is one column without asking `wcwidth`.
            let cells = (0x20..<0x7F).contains(scalar.value) ? 1 : max(0, Int(cnc_wcwidth(character)))
            if width + cells > cols - col {
                break
            }
            width += cells
            characters.append(character)
        }
        let pair = palette.pair(for: attributes)
        let video = cnc_attributes(attributes.bold, attributes.dim, attributes.reverse, attributes.underline)
        _ = wattr_set(window, video, pair, nil)
        // Ends with ERR when the text reaches the bottom-right cell (the cursor cannot advance);
        // the text is drawn all the same.
        _ = mvwaddnwstr(window, Int32(row), Int32(col), characters, Int32(characters.count))
    }

    /// Blanks the whole screen and makes the next `flush` repaint it from scratch.
    public func clearAll() {
        _ = wclear(window)
    }

    /// Sends the changes since the last flush to the terminal (`wnoutrefresh` + `doupdate`).
    public func flush() {
        _ = wnoutrefresh(window)
        _ = doupdate()
    }

    /// Resizes the virtual screen (`resize_term`). For headless terminals; a real one follows
    /// the terminal's own size through `Key.resize`.
    public func resize(rows: Int, cols: Int) {
        _ = resize_term(Int32(rows), Int32(cols))
    }

    /// The characters on one row of the virtual screen (`mvwinnwstr`), trailing blanks removed.
    /// A wide glyph appears once although it covers two cells.
    public func readBack(row: Int) -> String {
        let cols = size.cols
        guard row >= 0, row < size.rows, cols > 0 else { return "" }
        var buffer = [wchar_t](repeating: 0, count: cols + 1)
        let count = mvwinnwstr(window, Int32(row), 0, &buffer, Int32(cols))
        guard count > 0 else { return "" }
        var text = String.UnicodeScalarView()
        for character in buffer.prefix(Int(count)) {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: character)) {
                text.append(scalar)
            }
        }
        var result = String(text)
        while result.last == " " {
            result.removeLast()
        }
        return result
    }

    /// Video attributes and colours of one cell, for tests; nil off-screen.
    func attributesAt(row: Int, col: Int) -> TextAttributes? {
        var video: attr_t = 0
        var pair: Int16 = 0
        guard cnc_cell_style(window, Int32(row), Int32(col), &video, &pair) == OK else { return nil }
        var foreground: Int16 = -1
        var background: Int16 = -1
        if pair != 0 {
            _ = pair_content(pair, &foreground, &background)
        }
        return TextAttributes(
            foreground: foreground,
            background: background,
            bold: video & cnc_attributes(true, false, false, false) != 0,
            dim: video & cnc_attributes(false, true, false, false) != 0,
            reverse: video & cnc_attributes(false, false, true, false) != 0,
            underline: video & cnc_attributes(false, false, false, true) != 0
        )
    }

    /// Where the next character would go, for tests.
    var cursor: (row: Int, col: Int) {
        (Int(cnc_getcury(window)), Int(cnc_getcurx(window)))
    }
}
