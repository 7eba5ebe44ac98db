import Foundation

/// CPU time of the calling thread. In-process figures are timed with it rather than the wall
/// clock: on a shared 2-core machine another process's burst would otherwise count as ours.
/// Only valid around synchronous code (an `await` may move the task to another thread).
enum ThreadCPU {
    static func nanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Runs `body` and returns its CPU time in seconds.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = nanoseconds()
        try body()
        return Double(nanoseconds() - start) / 1e9
    }
}

/// The 1-minute load average: above the core count, wall-clock figures include waiting.
func loadAverage() -> Double {
    var loads = [Double](repeating: 0, count: 3)
    return getloadavg(&loads, 3) > 0 ? loads[0] : 0
}
