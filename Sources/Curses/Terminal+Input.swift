import CNcurses
import Glibc

extension Terminal {
    /// Blocks until the terminal has input or was resized, the waker is woken, or the timeout
    /// passes (`poll` on the tty, the resize relay's pipe and the waker's pipe).
    ///
    /// - Returns: true when keys (or a resize) may be waiting for `readKeys`; false on timeout or
    ///   when only the waker fired.
    public func wait(timeoutMilliseconds: Int32, waker: Waker?) -> Bool {
        var descriptors = [pollfd(fd: streams.inputDescriptor, events: Int16(POLLIN), revents: 0)]
        let relay = ResizeRelay.fileDescriptor
        if let relay {
            descriptors.append(pollfd(fd: relay, events: Int16(POLLIN), revents: 0))
        }
        if let waker {
            descriptors.append(pollfd(fd: waker.fileDescriptor, events: Int16(POLLIN), revents: 0))
        }
        let ready = poll(&descriptors, nfds_t(descriptors.count), timeoutMilliseconds)
        if ready < 0 {
            // EINTR: most likely SIGWINCH, whose KEY_RESIZE wget_wch now reports.
            return errno == EINTR
        }
        let relayFired = relay != nil && descriptors[1].revents != 0
        return descriptors[0].revents != 0 || relayFired
    }

    /// Every key already waiting, without blocking (`wget_wch` in nodelay mode until ERR).
    public func readKeys() -> [Key] {
        // Before reading: a SIGWINCH after this point leaves a byte that wakes the next wait.
        ResizeRelay.drain()
        var keys: [Key] = []
        var code: wint_t = 0
        while let key = Key.decode(status: wget_wch(window, &code), code: code) {
            keys.append(key)
            if key == .resize {
                armRestore()
            }
        }
        return keys
    }
}
