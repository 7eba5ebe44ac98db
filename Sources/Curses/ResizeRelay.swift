import Glibc
import Synchronization

/// Makes SIGWINCH wake `Terminal.wait`, whichever thread the signal lands on.
///
/// A process-directed signal goes to a thread that does not block it. Dispatch's worker
/// threads block SIGWINCH, so in an async Swift program it reaches the main thread, and the
/// UI thread's `poll` is never interrupted: a resize would only show after the next key or
/// timeout. The relay handler first runs the handler it replaced (ncurses's, which makes the
/// next `wget_wch` report `KEY_RESIZE`), then writes a byte to a pipe that `wait` polls.
///
/// Installed once per process by the first real-tty `Terminal.open`; the memory lives as long
/// as the process, so the handler can read it at any time.
enum ResizeRelay {
    private struct Record {
        var readEnd: Int32
        var writeEnd: Int32
        var previous: sigaction
    }

    /// Set once `record` is filled in and the handler is installed.
    private static let installed = Atomic<Bool>(false)

    /// Written only before `installed` is set; read by the handler afterwards.
    nonisolated(unsafe) private static let record: UnsafeMutablePointer<Record> = {
        let pointer = UnsafeMutablePointer<Record>.allocate(capacity: 1)
        pointer.initialize(to: Record(readEnd: -1, writeEnd: -1, previous: sigaction()))
        return pointer
    }()

    /// The pipe's read end to poll next to the tty; nil until installed.
    static var fileDescriptor: Int32? {
        installed.load(ordering: .acquiring) ? record.pointee.readEnd : nil
    }

    /// Creates the pipe and chains the SIGWINCH handler in front of the current one. Call after
    /// `newterm`, which installs ncurses's handler; later calls do nothing.
    ///
    /// - Throws: `CursesError.system` when the pipe or the handler cannot be set up.
    static func install() throws(CursesError) {
        guard !installed.load(ordering: .acquiring) else { return }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw .system(function: "pipe", errno: errno) }
        for fd in ends {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        record.pointee.readEnd = ends[0]
        record.pointee.writeEnd = ends[1]

        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            let savedErrno = errno
            ResizeRelay.forward(signal)
            var byte: UInt8 = 1
            // EAGAIN means the pipe is full, which already guarantees a wake-up.
            _ = write(ResizeRelay.record.pointee.writeEnd, &byte, 1)
            errno = savedErrno
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        guard sigaction(SIGWINCH, &action, &record.pointee.previous) == 0 else {
            let code = errno
            close(ends[0])
            close(ends[1])
            throw .system(function: "sigaction", errno: code)
        }
        installed.store(true, ordering: .releasing)
    }

    /// Empties the pipe. Call on the UI thread before reading keys, so a signal that arrives
    /// afterwards leaves a byte for the next `wait`.
    static func drain() {
        guard let fd = fileDescriptor else { return }
        var buffer = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        while withUnsafeMutableBytes(of: &buffer, { read(fd, $0.baseAddress, $0.count) }) > 0 {}
    }

    /// Runs the replaced handler when it is a plain function (not SIG_DFL, SIG_IGN, or an
    /// SA_SIGINFO handler, which would need the siginfo this handler does not get).
    private static func forward(_ signal: Int32) {
        let previous = record.pointee.previous
        guard previous.sa_flags & SA_SIGINFO == 0,
            let handler = previous.__sigaction_handler.sa_handler,
            unsafeBitCast(handler, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self)
        else { return }
        handler(signal)
    }
}
