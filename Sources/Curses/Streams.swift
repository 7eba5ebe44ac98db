import Glibc

/// The stdio streams a screen runs on. Owns them; `close()` releases them after `delscreen`.
struct Streams {
    let output: UnsafeMutablePointer<FILE>
    let input: UnsafeMutablePointer<FILE>
    /// Headless only: the write end of the input pipe, kept open so the read end never reports
    /// end-of-file and `poll` waits like it would on an idle tty.
    private let inputFeed: Int32?

    var outputDescriptor: Int32 { fileno(output) }
    var inputDescriptor: Int32 { fileno(input) }

    /// Two streams on the terminal device, as `newterm` wants them.
    static func tty(path: String) throws(CursesError) -> Streams {
        let output = try openStream(path, flags: O_WRONLY, mode: "w")
        do {
            return Streams(output: output, input: try openStream(path, flags: O_RDONLY, mode: "r"), inputFeed: nil)
        } catch {
            fclose(output)
            throw error
        }
    }

    /// `fopen` without adopting the device as controlling terminal (O_NOCTTY): a session leader
    /// opening a pty would otherwise get SIGHUP when that pty goes away.
    private static func openStream(_ path: String, flags: Int32, mode: String) throws(CursesError)
        -> UnsafeMutablePointer<FILE>
    {
        let fd = open(path, flags | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw .noTTY(path: path, errno: errno) }
        guard let stream = fdopen(fd, mode) else {
            let code = errno
            Glibc.close(fd)
            throw .system(function: "fdopen", errno: code)
        }
        return stream
    }

    /// Output to `outputPath` (truncated; `/dev/null` by default), input from a pipe nobody
    /// writes to.
    static func headless(outputPath: String = "/dev/null") throws(CursesError) -> Streams {
        guard let output = fopen(outputPath, "we") else { throw .system(function: "fopen", errno: errno) }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            let code = errno
            fclose(output)
            throw .system(function: "pipe", errno: code)
        }
        for fd in ends {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        guard let input = fdopen(ends[0], "r") else {
            let code = errno
            fclose(output)
            Glibc.close(ends[0])
            Glibc.close(ends[1])
            throw .system(function: "fdopen", errno: code)
        }
        return Streams(output: output, input: input, inputFeed: ends[1])
    }

    func close() {
        fclose(output)
        fclose(input)
        if let inputFeed {
            Glibc.close(inputFeed)
        }
    }
}
