import Glibc
import Synchronization

/// What a signal handler needs to give the terminal back without ncurses: the tty descriptor,
/// its termios from before `newterm`, and the reset sequences (sgr0, cnorm, rmkx, rmcup)
/// captured at open.
///
/// The memory is allocated once and never freed, so a handler can read it at any time.
/// `Terminal` arms it after filling it in on the UI thread and disarms it before closing.
enum TTYRestore {
    private struct Record {
        var fd: Int32
        var termios: termios
        var resetCount: Int
    }

    private static let resetCapacity = 512

    /// Filled in only while disarmed; read by `restore()` only while armed.
    nonisolated(unsafe) private static let record: UnsafeMutablePointer<Record> = {
        let pointer = UnsafeMutablePointer<Record>.allocate(capacity: 1)
        pointer.initialize(to: Record(fd: -1, termios: termios(), resetCount: 0))
        return pointer
    }()

    /// Owned forever, like `record`.
    nonisolated(unsafe) private static let resetBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: resetCapacity)

    private static let armed = Atomic<Bool>(false)

    /// Touches the lazily initialised statics so that a signal handler never runs their initialiser.
    static func prepare() {
        _ = record
        _ = resetBytes
        _ = armed.load(ordering: .relaxed)
    }

    /// Records how to restore `fd`; later calls replace the record (e.g. after a resize).
    static func arm(fd: Int32, original: termios, reset: [UInt8]) {
        prepare()
        armed.store(false, ordering: .releasing)
        let count = min(reset.count, resetCapacity)
        reset.withUnsafeBufferPointer { resetBytes.update(from: $0.baseAddress!, count: count) }
        record.pointee = Record(fd: fd, termios: original, resetCount: count)
        armed.store(true, ordering: .releasing)
    }

    /// Stops signal handlers from touching the tty (it is about to be closed).
    static func disarm() {
        armed.store(false, ordering: .releasing)
    }

    /// Writes the reset sequences and puts back the saved termios.
    ///
    /// Async-signal-safe: only an atomic load, `write` and `tcsetattr`, no allocation or locks.
    /// Disarms, so a second signal does not repeat it.
    static func restore() {
        guard armed.exchange(false, ordering: .acquiringAndReleasing) else { return }
        var written = 0
        while written < record.pointee.resetCount {
            let result = write(record.pointee.fd, resetBytes + written, record.pointee.resetCount - written)
            if result > 0 {
                written += result
            } else if result < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        _ = tcsetattr(record.pointee.fd, TCSADRAIN, &record.pointee.termios)
    }
}
