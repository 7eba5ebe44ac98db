import CNcurses

/// One key press, decoded from `wget_wch`.
///
/// Ctrl-letters arrive as `.character` holding the control scalar (Ctrl-A is `"\u{01}"`).
/// Ctrl-C never arrives: ISIG stays on, so it is delivered as SIGINT.
public enum Key: Sendable, Equatable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, deleteForward, tab, backTab
    /// The terminal changed size; `Terminal.size` already reports the new size.
    case resize
    /// F1 is `.function(1)`.
    case function(Int)
    /// A key code ncurses reported that has no case here.
    case unknown(Int32)
}

extension Key {
    /// Maps one `wget_wch` result to a key, or nil when the call returned `ERR` (no input).
    ///
    /// - Parameters:
    ///   - status: the return value of `wget_wch`: `OK`, `KEY_CODE_YES` or `ERR`.
    ///   - code: the `wint_t` that `wget_wch` stored.
    public static func decode(status: Int32, code: UInt32) -> Key? {
        switch status {
        case OK: return character(code)
        case KEY_CODE_YES: return functionKey(Int32(bitPattern: code))
        default: return nil
        }
    }

    /// A character read in cbreak mode (ICRNL off, so Enter arrives as CR).
    private static func character(_ code: UInt32) -> Key {
        switch code {
        case 0x0A, 0x0D: return .enter
        case 0x1B: return .escape
        case 0x08, 0x7F: return .backspace
        case 0x09: return .tab
        default:
            guard let scalar = Unicode.Scalar(code) else { return .unknown(Int32(bitPattern: code)) }
            return .character(Character(scalar))
        }
    }

    /// A `KEY_*` code from keypad mode.
    private static func functionKey(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .deleteForward
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        // KEY_F(n) is the macro KEY_F0 + n; ncurses reserves 64 function keys.
        case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default: return .unknown(code)
        }
    }
}
