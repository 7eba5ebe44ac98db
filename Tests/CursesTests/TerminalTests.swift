import CNcurses
import Foundation
import Testing

@testable import Curses

/// Everything that touches ncurses or the tty-restore record, which are process-global: one
/// serialized suite. Headless terminals draw to /dev/null; real-tty cases run on a pty.
@Suite(.serialized) struct TerminalTests {
    // MARK: Drawing and read-back

    @Test func headlessTerminalHasTheRequestedSize() throws {
        let terminal = try Terminal.openHeadless(rows: 30, cols: 120)
        defer { terminal.close() }

        #expect(terminal.size == (30, 120))
    }

    @Test func asciiTextReadsBack() throws {
        let terminal = try Terminal.openHeadless(rows: 5, cols: 20)
        defer { terminal.close() }

        terminal.put(row: 1, col: 2, text: "hello", attributes: .plain)
        terminal.flush()

        #expect(terminal.readBack(row: 0) == "")
        #expect(terminal.readBack(row: 1) == "  hello")
    }

    @Test(arguments: [("東京abc", 7), ("🙂x", 3), ("한글", 4), ("ｶﾀｶﾅ", 4), ("é€", 2)])
    func wideTextAdvancesTheCursorByItsWidth(text: String, width: Int) throws {
        let terminal = try Terminal.openHeadless(rows: 3, cols: 20)
        defer { terminal.close() }

        terminal.put(row: 0, col: 0, text: text, attributes: .plain)

        #expect(terminal.cursor.col == width)
        #expect(terminal.readBack(row: 0) == text)
    }

    @Test func wideGlyphCoversTwoCells() throws {
        let terminal = try Terminal.openHeadless(rows: 3, cols: 10)
        defer { terminal.close() }

        terminal.put(row: 0, col: 0, text: "東", attributes: .plain)
        terminal.put(row: 0, col: 2, text: "x", attributes: .plain)

        #expect(terminal.readBack(row: 0) == "東x")
    }

    @Test func textIsClippedAtTheRightEdgeWithoutWrapping() throws {
        let terminal = try Terminal.openHeadless(rows: 3, cols: 10)
        defer { terminal.close() }

        terminal.put(row: 0, col: 5, text: "abcdefgh", attributes: .plain)
        terminal.put(row: 1, col: 7, text: "ab東", attributes: .plain)

        #expect(terminal.readBack(row: 0) == "     abcde")
        #expect(terminal.readBack(row: 1) == "       ab")
        #expect(terminal.readBack(row: 2) == "")
    }

    @Test func bottomRightCellCanBeWritten() throws {
        let terminal = try Terminal.openHeadless(rows: 2, cols: 4)
        defer { terminal.close() }

        terminal.put(row: 1, col: 0, text: "wxyz", attributes: .plain)

        #expect(terminal.readBack(row: 1) == "wxyz")
        #expect(terminal.readBack(row: 0) == "")
    }

    @Test func offScreenPutsDrawNothing() throws {
        let terminal = try Terminal.openHeadless(rows: 2, cols: 4)
        defer { terminal.close() }

        terminal.put(row: 2, col: 0, text: "x", attributes: .plain)
        terminal.put(row: -1, col: 0, text: "x", attributes: .plain)
        terminal.put(row: 0, col: 4, text: "x", attributes: .plain)

        #expect(terminal.readBack(row: 0) == "")
        #expect(terminal.readBack(row: 1) == "")
    }

    @Test func clearAllBlanksEveryRow() throws {
        let terminal = try Terminal.openHeadless(rows: 2, cols: 4)
        defer { terminal.close() }
        terminal.put(row: 0, col: 0, text: "ab", attributes: .plain)

        terminal.clearAll()

        #expect(terminal.readBack(row: 0) == "")
    }

    @Test func resizeTermChangesTheSize() throws {
        let terminal = try Terminal.openHeadless(rows: 30, cols: 120)
        defer { terminal.close() }
        terminal.put(row: 0, col: 0, text: "abcdefghij", attributes: .plain)

        terminal.resize(rows: 12, cols: 5)

        #expect(terminal.size == (12, 5))
        #expect(terminal.readBack(row: 0) == "abcde")
    }

    // MARK: Attributes and colours

    @Test func attributesAndColoursReachTheCells() throws {
        let terminal = try Terminal.openHeadless(rows: 2, cols: 10)
        defer { terminal.close() }
        let styled = TextAttributes(foreground: 1, background: 4, bold: true, underline: true)

        terminal.put(row: 0, col: 0, text: "ab", attributes: styled)
        terminal.put(row: 0, col: 2, text: "c", attributes: TextAttributes(foreground: 2, reverse: true))
        terminal.put(row: 0, col: 3, text: "d", attributes: .plain)

        #expect(terminal.attributesAt(row: 0, col: 1) == styled)
        #expect(terminal.attributesAt(row: 0, col: 2) == TextAttributes(foreground: 2, reverse: true))
        #expect(terminal.attributesAt(row: 0, col: 3) == .plain)
    }

    @Test func coloursOffStillDrawsVideoAttributes() throws {
        let terminal = try Terminal.openHeadless(rows: 2, cols: 10, colors: false)
        defer { terminal.close() }

        terminal.put(row: 0, col: 0, text: "a", attributes: TextAttributes(foreground: 1, bold: true, dim: true))

        #expect(terminal.colorCount == 0)
        #expect(terminal.attributesAt(row: 0, col: 0) == TextAttributes(bold: true, dim: true))
    }

    @Test func coloursBeyondTheTerminalsRangeFallBackToTheDefault() throws {
        let terminal = try Terminal.openHeadless(rows: 2, cols: 10, terminalName: "linux")
        defer { terminal.close() }

        terminal.put(row: 0, col: 0, text: "a", attributes: TextAttributes(foreground: 200, background: 3))

        #expect(terminal.attributesAt(row: 0, col: 0) == TextAttributes(foreground: -1, background: 3))
    }

    @Test(arguments: [
        ("xterm-256color", 256), ("screen-256color", 256), ("tmux-256color", 256),
        ("xterm", 8), ("linux", 8), ("vt100", 0),
    ])
    func colourCountFollowsTheTerminalType(name: String, colors: Int) throws {
        let terminal = try Terminal.openHeadless(rows: 5, cols: 10, terminalName: name)
        defer { terminal.close() }

        terminal.put(row: 0, col: 0, text: "東x", attributes: TextAttributes(foreground: 2, bold: true))

        #expect(terminal.colorCount == colors)
        #expect(terminal.readBack(row: 0) == "東x")
    }

    // MARK: Opening and closing

    @Test func dumbTerminalIsRejectedForLackingCursorAddressing() {
        let error = #expect(throws: CursesError.self) {
            try Terminal.openHeadless(rows: 5, cols: 10, terminalName: "dumb")
        }

        #expect(error == .missingCapability(terminal: "dumb", capability: "cup", meaning: "cursor addressing"))
        #expect(error?.description.contains("lacks cursor addressing") == true)
    }

    @Test func unknownTerminalTypeIsRejected() {
        #expect(throws: CursesError.unknownTerminal("no-such-terminal")) {
            try Terminal.openHeadless(rows: 5, cols: 10, terminalName: "no-such-terminal")
        }
    }

    @Test func onlyOneTerminalOpensAtATime() throws {
        let terminal = try Terminal.openHeadless(rows: 5, cols: 10)
        defer { terminal.close() }

        #expect(throws: CursesError.alreadyOpen) {
            try Terminal.openHeadless(rows: 5, cols: 10)
        }
    }

    @Test func closeIsIdempotentAndAllowsReopening() throws {
        let first = try Terminal.openHeadless(rows: 5, cols: 10)
        first.close()
        first.close()

        let second = try Terminal.openHeadless(rows: 6, cols: 11)
        defer { second.close() }

        #expect(second.size == (6, 11))
    }

    @Test func openWithoutATerminalDeviceThrowsNoTTY() {
        #expect(throws: CursesError.noTTY(path: "/nonexistent/tty", errno: ENOENT)) {
            try Terminal.open(ttyPath: "/nonexistent/tty", terminalName: "xterm-256color", colors: true)
        }
        #expect(throws: CursesError.noTTY(path: "/dev/null", errno: ENOTTY)) {
            try Terminal.open(ttyPath: "/dev/null", terminalName: "xterm-256color", colors: true)
        }
    }

    @Test(arguments: [nil, ""] as [String?])
    func openWithoutTERMThrowsTerminalNotSet(name: String?) {
        #expect(throws: CursesError.terminalNotSet) {
            try Terminal.open(ttyPath: "/dev/tty", terminalName: name, colors: true)
        }
    }

    /// Under CI there is no /dev/tty (noTTY); on a developer's terminal TERM=dumb is refused.
    /// Either way `open` throws instead of taking over the screen.
    @Test func publicOpenFailsCleanlyWithTERMDumb() throws {
        let saved = getenv("TERM").map { String(cString: $0) }
        setenv("TERM", "dumb", 1)
        defer {
            if let saved { setenv("TERM", saved, 1) } else { unsetenv("TERM") }
        }

        let error = #expect(throws: CursesError.self) { try Terminal.open(colors: true) }

        switch error {
        case .noTTY?, .missingCapability(terminal: "dumb", _, _)?: break
        default: Issue.record("unexpected error \(String(describing: error))")
        }
        let reopened = try Terminal.openHeadless(rows: 2, cols: 2)
        reopened.close()
    }

    // MARK: Waiting and input

    @Test func waitTimesOutWhenIdle() throws {
        let terminal = try Terminal.openHeadless(rows: 5, cols: 10)
        defer { terminal.close() }
        let waker = try Waker()

        #expect(terminal.wait(timeoutMilliseconds: 20, waker: waker) == false)
        #expect(terminal.readKeys() == [])
    }

    @Test func wakerEndsAWaitPromptly() throws {
        let terminal = try Terminal.openHeadless(rows: 5, cols: 10)
        defer { terminal.close() }
        let waker = try Waker()
        let clock = ContinuousClock()
        let start = clock.now

        Thread.detachNewThread {
            usleep(30_000)
            waker.wake()
        }
        let inputReady = terminal.wait(timeoutMilliseconds: 10_000, waker: waker)
        let elapsed = clock.now - start
        waker.drain()

        #expect(inputReady == false)
        #expect(elapsed < .seconds(2))
        #expect(terminal.wait(timeoutMilliseconds: 20, waker: waker) == false)
        #expect(clock.now - start >= .milliseconds(20))
    }

    @Test func keysTypedOnARealTTYAreDecoded() throws {
        let pty = try PseudoTerminal()
        let terminal = try Terminal.open(ttyPath: pty.slavePath, terminalName: "xterm-256color", colors: true)
        defer { terminal.close() }

        // xterm in keypad-transmit mode: ↑ ↓ F1 PgDn, then Enter, a CJK character and Ctrl-A.
        pty.type("\u{1b}OA\u{1b}OB\u{1b}OP\u{1b}[6~\r東\u{01}")

        #expect(terminal.wait(timeoutMilliseconds: 2_000, waker: nil))
        #expect(terminal.readKeys() == [.up, .down, .function(1), .pageDown, .enter, .character("東"), .character("\u{01}")])
    }

    // MARK: Restoring the tty

    @Test func closeRestoresTheOriginalTTYModes() throws {
        let pty = try PseudoTerminal()
        let slave = open(pty.slavePath, O_RDWR | O_NOCTTY)
        defer { close(slave) }
        let before = try localModes(slave)

        let terminal = try Terminal.open(ttyPath: pty.slavePath, terminalName: "xterm-256color", colors: true)
        let during = try localModes(slave)
        terminal.close()

        #expect(before & tcflag_t(ICANON | ECHO) == tcflag_t(ICANON | ECHO))
        #expect(during & tcflag_t(ICANON | ECHO) == 0)
        #expect(try localModes(slave) == before)
    }

    /// What the signal handlers run: the saved termios comes back and the reset sequences
    /// (attributes off, cursor on, keypad off, leave the alternate screen) reach the terminal.
    @Test func signalPathRestoresTermiosAndWritesResetSequences() throws {
        let pty = try PseudoTerminal()
        let slave = open(pty.slavePath, O_RDWR | O_NOCTTY)
        defer { close(slave) }
        let before = try localModes(slave)
        let terminal = try Terminal.open(ttyPath: pty.slavePath, terminalName: "xterm-256color", colors: true)
        defer { terminal.close() }
        terminal.flush()
        _ = pty.takeOutput()

        TTYRestore.restore()

        let written = String(decoding: pty.takeOutput(), as: UTF8.self)
        #expect(try localModes(slave) == before)
        #expect(written.contains("\u{1b}[?25h"))
        #expect(written.hasSuffix("\u{1b}[?1049l\u{1b}[23;0;0t"))
    }

    @Test func resetSequenceParksTheCursorWithoutPaddingOnVT100() throws {
        let terminal = try Terminal.openHeadless(rows: 24, cols: 80, terminalName: "vt100")
        defer { terminal.close() }

        let reset = String(decoding: terminal.resetSequence(), as: UTF8.self)

        #expect(reset.hasSuffix("\u{1b}[24;1H\r\n"))
        #expect(!reset.contains("$<"))
    }

    private func localModes(_ fd: Int32) throws -> tcflag_t {
        var modes = termios()
        guard tcgetattr(fd, &modes) == 0 else { throw CursesError.system(function: "tcgetattr", errno: errno) }
        return modes.c_lflag
    }
}
