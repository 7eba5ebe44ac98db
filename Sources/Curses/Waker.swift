import Glibc
import Synchronization

/// Wakes a `Terminal.wait` from any thread: a non-blocking self-pipe whose read end is polled
/// next to the tty.
///
/// Wake-ups are coalesced: while one is pending, further `wake()` calls write nothing.
/// The consumer calls `drain()` and only then takes the producer's queued work, so no wake-up
/// is lost.
public final class Waker: Sendable {
    /// Read end, owned: closed in `deinit`.
    private let readEnd: Int32
    /// Write end, owned: closed in `deinit`.
    private let writeEnd: Int32
    /// True from the first `wake()` until the next `drain()`.
    private let pending = Atomic<Bool>(false)

    /// - Throws: `CursesError.system` when the pipe cannot be created.
    public init() throws(CursesError) {
        var ends: [Int32] = [-1, -1]
        // pipe2 is not visible through Glibc, so set the flags with fcntl.
        guard pipe(&ends) == 0 else { throw .system(function: "pipe", errno: errno) }
        for fd in ends {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// The descriptor to poll for readability.
    public var fileDescriptor: Int32 { readEnd }

    /// Makes the next (or current) `wait` return. Never blocks; safe from any thread.
    public func wake() {
        guard !pending.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var byte: UInt8 = 1
        // EAGAIN means the pipe is full, which already guarantees a wake-up.
        _ = write(writeEnd, &byte, 1)
    }

    /// Empties the pipe. Call on the waiting thread before taking the producers' work.
    public func drain() {
        var buffer = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        while withUnsafeMutableBytes(of: &buffer, { read(readEnd, $0.baseAddress, $0.count) }) > 0 {}
        // Cleared after reading: a wake() racing with this either left a byte or its work is
        // already queued for the caller to take next.
        pending.store(false, ordering: .releasing)
    }
}
