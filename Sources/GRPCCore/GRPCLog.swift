import CGRPC
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
    /// Installed once, before the first `grpc_init`, so not even init logs reach stderr.
    private static let logFunctionInstalled: Bool = {
        gpr_set_log_function(GRPCLog.sink)
        return true
    }()

    static func retain() {
        precondition(logFunctionInstalled)
        grpc_init()
    }

    static func release() {
        grpc_shutdown()
    }
}
