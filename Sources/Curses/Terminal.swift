import CNcurses
import Glibc
import Synchronization

/// A full-screen ncurses terminal: lifecycle here, drawing and input in the extensions.
///
/// Use it from one thread only (the UI thread): ncurses is not thread-safe, so the type is not
/// `Sendable`. Other threads reach the UI loop through a `Waker`.
/// Only one `Terminal` may be open at a time, since ncurses state is process-global.
public final class Terminal {
    /// Owned: `delscreen` in `close()`.
    private let screen: OpaquePointer
    /// Borrowed from `screen` (its stdscr); invalid after `close()`.
    let window: UnsafeMutablePointer<WINDOW>
    /// Owned: closed in `close()` after `delscreen`.
    let streams: Streams
    /// A real tty's termios from before `newterm`; nil for a headless terminal.
    private let savedTermios: termios?
    var palette: ColorPalette
    private(set) var isOpen = true

    /// Set while any `Terminal` is open in this process.
    private static let claimed = Atomic<Bool>(false)

    private init(screen: OpaquePointer, streams: Streams, savedTermios: termios?, palette: ColorPalette) {
        self.screen = screen
        self.window = cnc_stdscr()
        self.streams = streams
        self.savedTermios = savedTermios
        self.palette = palette
    }

    deinit {
        close()
    }

    /// Opens the controlling terminal (`/dev/tty`, so stdout and stderr stay free for logs) with
    /// the type named by `TERM`.
    ///
    /// - Parameter colors: false for NO_COLOR; colours are also off when the terminal has none.
    /// - Throws: `.noTTY` without a controlling terminal, `.terminalNotSet`, `.unknownTerminal`,
    ///   `.missingCapability` (e.g. TERM=dumb has no cursor addressing), `.noUTF8Locale`,
    ///   `.alreadyOpen`, `.call` when a terminal mode cannot be set, or `.system` when the
    ///   SIGWINCH relay cannot be set up.
    public static func open(colors: Bool) throws(CursesError) -> Terminal {
        let name = getenv("TERM").map { String(cString: $0) }
        return try open(ttyPath: "/dev/tty", terminalName: name, colors: colors)
    }

    /// `open(colors:)` with the tty path and terminal name given, so tests can make it fail.
    static func open(ttyPath: String, terminalName: String?, colors: Bool) throws(CursesError) -> Terminal {
        guard let name = terminalName, !name.isEmpty else { throw .terminalNotSet }
        try claimProcess()
        do throws(CursesError) {
            try configureLocale()
            let streams = try Streams.tty(path: ttyPath)
            var original = termios()
            guard tcgetattr(streams.outputDescriptor, &original) == 0 else {
                let code = errno
                streams.close()
                throw CursesError.noTTY(path: ttyPath, errno: code)
            }
            let terminal = try start(name: name, streams: streams, colors: colors, savedTermios: original)
            do throws(CursesError) {
                try terminal.setInteractiveModes()
                try ResizeRelay.install()
            } catch {
                terminal.close()
                throw error
            }
            terminal.armRestore()
            return terminal
        } catch {
            claimed.store(false, ordering: .releasing)
            throw error
        }
    }

    /// Opens a virtual terminal that draws to `/dev/null` and reads from an empty pipe, for tests:
    /// draw, then read rows back with `readBack(row:)`.
    ///
    /// - Parameters:
    ///   - terminalName: the terminfo entry to load.
    ///   - outputPath: where the escape sequences go; a regular file lets a benchmark count the
    ///     bytes each flush writes.
    public static func openHeadless(
        rows: Int,
        cols: Int,
        terminalName: String = "xterm-256color",
        colors: Bool = true,
        outputPath: String = "/dev/null"
    ) throws(CursesError) -> Terminal {
        try claimProcess()
        do throws(CursesError) {
            try configureLocale()
            let terminal = try start(
                name: terminalName, streams: try Streams.headless(outputPath: outputPath), colors: colors,
                savedTermios: nil)
            terminal.resize(rows: rows, cols: cols)
            return terminal
        } catch {
            claimed.store(false, ordering: .releasing)
            throw error
        }
    }

    /// Gives the terminal back (`endwin`, `delscreen`, `fclose`). Safe to call more than once.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        if savedTermios != nil {
            TTYRestore.disarm()
        }
        endwin()
        if savedTermios != nil, cnc_string_capability("rmcup") == nil {
            // Without an alternate screen, endwin leaves the cursor on the last row: start the
            // shell's next line below the dashboard instead of over its footer.
            let newline: [UInt8] = Array("\r\n".utf8)
            _ = newline.withUnsafeBytes { write(streams.outputDescriptor, $0.baseAddress, $0.count) }
        }
        delscreen(screen)
        streams.close()
        Self.claimed.store(false, ordering: .releasing)
    }

    /// Number of colours in use; 0 when colours are off or unsupported.
    public var colorCount: Int { palette.colorCount }

    private static func claimProcess() throws(CursesError) {
        guard !claimed.exchange(true, ordering: .acquiringAndReleasing) else { throw .alreadyOpen }
    }

    /// ncurses measures and decodes wide characters by the C locale, which must be UTF-8.
    private static func configureLocale() throws(CursesError) {
        setlocale(LC_ALL, "")
        if !cnc_locale_is_utf8() {
            // An unset or plain "C" LANG would otherwise drop every non-ASCII character silently.
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        guard cnc_locale_is_utf8() else { throw .noUTF8Locale }
    }

    /// `newterm` on the streams, the capability check, and the settings shared by every terminal.
    /// Releases the streams when it throws.
    private static func start(
        name: String,
        streams: Streams,
        colors: Bool,
        savedTermios: termios?
    ) throws(CursesError) -> Terminal {
        guard let screen = newterm(name, streams.output, streams.input) else {
            streams.close()
            throw .unknownTerminal(name)
        }
        _ = set_term(screen)
        guard cnc_string_capability("cup") != nil else {
            endwin()
            delscreen(screen)
            streams.close()
            throw .missingCapability(terminal: name, capability: "cup", meaning: "cursor addressing")
        }
        let palette = ColorPalette.start(enabled: colors)
        let terminal = Terminal(screen: screen, streams: streams, savedTermios: savedTermios, palette: palette)
        _ = keypad(terminal.window, true)
        _ = nodelay(terminal.window, true)
        // The cursor is hidden, so ncurses need not put it back after each update.
        _ = leaveok(terminal.window, true)
        _ = curs_set(0)  // ERR on terminals without civis (vt100): nothing to hide then.
        _ = set_escdelay(25)
        return terminal
    }

    /// cbreak and noecho; they fail only on a real tty that refuses tcsetattr.
    private func setInteractiveModes() throws(CursesError) {
        guard cbreak() == OK else { throw .call(function: "cbreak", code: ERR) }
        guard noecho() == OK else { throw .call(function: "noecho", code: ERR) }
    }

    /// Bytes that undo what the screen set up, for `TTYRestore`: attributes off, cursor shown,
    /// keypad transmit off, and the alternate screen left (or, without one, the cursor parked on
    /// the last row).
    func resetSequence() -> [UInt8] {
        var bytes: [UInt8] = []
        for capability in ["sgr0", "cnorm", "rmkx"] {
            bytes += Self.terminfoBytes(cnc_string_capability(capability))
        }
        if let leaveAlternate = cnc_string_capability("rmcup") {
            bytes += Self.terminfoBytes(leaveAlternate)
        } else {
            bytes += Self.terminfoBytes(cnc_cursor_address(Int32(size.rows - 1), 0))
            bytes += Array("\r\n".utf8)
        }
        return bytes
    }

    /// Hands the tty state to `TTYRestore` for signal handlers; again after a resize moved the
    /// last row. Headless terminals have no tty state.
    func armRestore() {
        guard let savedTermios, isOpen else { return }
        TTYRestore.arm(fd: streams.outputDescriptor, original: savedTermios, reset: resetSequence())
    }

    /// A terminfo string without its `$<…>` padding, which only tputs understands.
    static func terminfoBytes(_ string: UnsafePointer<CChar>?) -> [UInt8] {
        guard let string else { return [] }
        var bytes: [UInt8] = []
        var inPadding = false
        var previous: UInt8 = 0
        for byte in UnsafeBufferPointer(start: string, count: strlen(string)).map({ UInt8(bitPattern: $0) }) {
            if inPadding {
                inPadding = byte != UInt8(ascii: ">")
            } else if previous == UInt8(ascii: "$") && byte == UInt8(ascii: "<") {
                bytes.removeLast()
                inPadding = true
            } else {
                bytes.append(byte)
            }
            previous = byte
        }
        return bytes
    }
}
