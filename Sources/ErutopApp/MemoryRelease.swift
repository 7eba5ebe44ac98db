import Dispatch
import Glibc

/// Hands the memory malloc keeps free back to the system after a large table was replaced.
///
/// glibc keeps what a replaced 100k-row table freed for later allocations, so without this the
/// resident size climbs to the high-water mark of every re-listing (the old table and the new
/// one alive together) and stays there: 140 MB after the first listing, 250 MB after six. The
/// trim walks the heap, so it runs off the UI thread. `malloc_trim` is not in Swift's Glibc
/// module (it lives in <malloc.h>), so it is looked up by name.
enum MemoryRelease {
    private typealias Trim = @convention(c) (Int) -> Int32

    private static let trim: Trim? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim")
        .map { unsafeBitCast($0, to: Trim.self) }

    /// Trims the heap soon, on a background queue.
    static func afterLargeRelease() {
        guard let trim else { return }
        DispatchQueue.global(qos: .utility).async { _ = trim(0) }
    }
}
