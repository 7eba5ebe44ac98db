import CNcurses
import Testing

@testable import Curses

/// `Key.decode` maps raw `wget_wch` results; no terminal involved.
@Suite struct KeyDecodingTests {
    @Test(arguments: [
        (OK, UInt32(0x71), Key.character("q")),
        (OK, 0x0D, .enter),
        (OK, 0x0A, .enter),
        (OK, 0x1B, .escape),
        (OK, 0x7F, .backspace),
        (OK, 0x08, .backspace),
        (OK, 0x09, .tab),
        (OK, 0x01, .character("\u{01}")),
        (OK, 0x6771, .character("東")),
        (OK, 0x1F642, .character("🙂")),
        (OK, 0xD800, .unknown(0xD800)),
        (KEY_CODE_YES, UInt32(KEY_UP), .up),
        (KEY_CODE_YES, UInt32(KEY_DOWN), .down),
        (KEY_CODE_YES, UInt32(KEY_LEFT), .left),
        (KEY_CODE_YES, UInt32(KEY_RIGHT), .right),
        (KEY_CODE_YES, UInt32(KEY_PPAGE), .pageUp),
        (KEY_CODE_YES, UInt32(KEY_NPAGE), .pageDown),
        (KEY_CODE_YES, UInt32(KEY_HOME), .home),
        (KEY_CODE_YES, UInt32(KEY_END), .end),
        (KEY_CODE_YES, UInt32(KEY_ENTER), .enter),
        (KEY_CODE_YES, UInt32(KEY_BACKSPACE), .backspace),
        (KEY_CODE_YES, UInt32(KEY_DC), .deleteForward),
        (KEY_CODE_YES, UInt32(KEY_BTAB), .backTab),
        (KEY_CODE_YES, UInt32(KEY_RESIZE), .resize),
        (KEY_CODE_YES, UInt32(KEY_F0 + 1), .function(1)),
        (KEY_CODE_YES, UInt32(KEY_F0 + 12), .function(12)),
        (KEY_CODE_YES, UInt32(KEY_F0), .unknown(KEY_F0)),
        (KEY_CODE_YES, UInt32(KEY_IC), .unknown(KEY_IC)),
    ])
    func rawResultsMapToKeys(status: Int32, code: UInt32, expected: Key) {
        #expect(Key.decode(status: status, code: code) == expected)
    }

    @Test func errMeansNoKey() {
        #expect(Key.decode(status: ERR, code: 0x71) == nil)
    }
}
