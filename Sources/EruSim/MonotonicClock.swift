import Glibc

/// CLOCK_MONOTONIC in nanoseconds: the clock `erusim clock` reports and load stamps carry, the
/// same one any process on this machine reads with `clock_gettime(CLOCK_MONOTONIC)`.
public func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}
