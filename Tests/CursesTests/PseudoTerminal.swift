import Glibc

/// A pty pair for tests that need a real tty: the test plays the terminal on the master side.
final class PseudoTerminal {
    /// Owned: closed in `deinit`.
    let master: Int32
    /// Path of the slave side, for `Terminal.open(ttyPath:…)`.
    let slavePath: String

    struct Failure: Error {
        let function: String
        let code: Int32
    }

    init() throws {
        // O_NOCTTY: the test process must never adopt this pty as its controlling terminal.
        // posix_openpt/unlockpt/ptsname are hidden from Swift's Glibc module and the ioctl
        // macros do not import, so the asm-generic encodings are spelled out:
        // TIOCSPTLCK = _IOW('T', 0x31, int), TIOCGPTN = _IOR('T', 0x30, unsigned int).
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw Failure(function: "open(/dev/ptmx)", code: errno) }
        var locked: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(master, 0x4004_5431, &locked) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            let code = errno
            close(master)
            throw Failure(function: "ioctl(TIOCSPTLCK/TIOCGPTN)", code: code)
        }
        slavePath = "/dev/pts/\(number)"
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        close(master)
    }

    /// Types `text` as if on the keyboard.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Everything the program wrote to the terminal since the last call.
    func takeOutput() -> [UInt8] {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard count > 0 else { return output }
            output += chunk.prefix(count)
        }
    }
}
