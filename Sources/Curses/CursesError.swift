import Glibc

/// Why the terminal layer could not do what was asked.
public enum CursesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The controlling terminal could not be opened (no tty, e.g. under CI or a daemon).
    case noTTY(path: String, errno: Int32)
    /// `TERM` is unset or empty.
    case terminalNotSet
    /// ncurses found no usable terminfo entry for this name.
    case unknownTerminal(String)
    /// The terminal lacks a capability a full-screen program needs.
    case missingCapability(terminal: String, capability: String, meaning: String)
    /// Neither the environment's locale nor C.UTF-8 gives a UTF-8 codeset.
    case noUTF8Locale
    /// Another `Terminal` is still open; ncurses state is process-global.
    case alreadyOpen
    /// An ncurses call returned an error code.
    case call(function: String, code: Int32)
    /// A libc call failed with `errno`.
    case system(function: String, errno: Int32)

    public var description: String {
        switch self {
        case .noTTY(let path, let code):
            return "cannot open the terminal \(path): \(Self.message(code)); erutop needs an interactive terminal"
        case .terminalNotSet:
            return "TERM is not set; set it to your terminal type (e.g. xterm-256color)"
        case .unknownTerminal(let name):
            return "unknown terminal type \"\(name)\": no usable terminfo entry (try TERM=xterm-256color)"
        case .missingCapability(let terminal, let capability, let meaning):
            return "terminal \"\(terminal)\" lacks \(meaning) (terminfo \"\(capability)\"); use a full-screen terminal"
        case .noUTF8Locale:
            return "no UTF-8 locale available (tried the environment's locale and C.UTF-8)"
        case .alreadyOpen:
            return "a terminal is already open in this process"
        case .call(let function, let code):
            return "\(function) failed with code \(code)"
        case .system(let function, let code):
            return "\(function) failed: \(Self.message(code))"
        }
    }

    private static func message(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
