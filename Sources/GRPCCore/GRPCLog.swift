import CGRPC
import Glibc
import Synchronization

/// Log lines of the gRPC C core, captured in memory instead of being written to stderr
/// (stderr would scribble over the terminal UI). The core's verbosity still follows the
/// `GRPC_VERBOSITY` environment variable (default: errors only).
public enum GRPCLog {
    /// Number of lines kept; older lines are dropped.
    static let capacity = 256

    /// The most recent core log lines, oldest first, formatted `E file:line message`.
    public static func recent() -> [String] {
        ring.withLock { ring in Array(ring.lines[ring.next...] + ring.lines[..<ring.next]) }
    }

    fileprivate struct Ring {
        var lines: [String] = []
        var next = 0

        mutating func append(_ line: String) {
            if lines.count < GRPCLog.capacity {
                lines.append(line)
            } else {
                lines[next] = line
                next = (next + 1) % GRPCLog.capacity
            }
        }
    }

    fileprivate static let ring = Mutex(Ring())

    /// Called by the core on its own threads; a C callback cannot capture, hence the global ring.
    fileprivate static let sink: @convention(c) (UnsafeMutablePointer<gpr_log_func_args>?) -> Void = {
        guard let args = $0?.pointee else { return }
        let severity = switch args.severity {
        case GPR_LOG_SEVERITY_DEBUG: "D"
        case GPR_LOG_SEVERITY_INFO: "I"
        default: "E"
        }
        let file = args.file.map { String(cString: $0) } ?? "?"
        let message = args.message.map { String(cString: $0) } ?? ""
        let line = "\(severity) \(file):\(args.line) \(message)"
        ring.withLock { $0.append(line) }
    }
}

/// Reference-counted `grpc_init` / `grpc_shutdown`. Each completion queue holds one reference
/// for its whole life, so the library shuts down only after every CQ, and thus every channel,
/// server and call that used it, is gone.
enum GRPCLibrary {
    /// Done once, before the first `grpc_init`: the log sink (so not even init logs reach
    /// stderr) and the settings the core reads from the environment at init.
    private static let configured: Bool = {
        gpr_set_log_function(GRPCLog.sink)
        for (name, value) in environmentDefaults { setenv(name, value, 0) }
        return true
    }()

    /// Core settings read from the environment by `grpc_init`; an explicit value in the
    /// environment wins.
    ///
    /// `GRPC_CLIENT_CHANNEL_BACKUP_POLL_INTERVAL_MS=0` turns off the client channels' backup
    /// poller, a timer that every 5 s polls the channels' sockets in case no thread does. Here
    /// a thread always does: each channel's completion-queue thread sits in
    /// `grpc_completion_queue_next` for the channel's whole life, and that wait polls the
    /// core's sockets (epoll1 has one epoll set for all of them). The poller's only effect was
    /// two timer-thread wake-ups every 5 s, in an otherwise idle process.
    static let environmentDefaults = [("GRPC_CLIENT_CHANNEL_BACKUP_POLL_INTERVAL_MS", "0")]

    static func retain() {
        precondition(configured)
        grpc_init()
    }

    static func release() {
        grpc_shutdown()
    }
}
