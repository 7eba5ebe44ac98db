import CGRPC
import Glibc

/// Integer `grpc_channel_args` for a channel or server; the C copies live only during `body`.
struct ChannelArguments {
    private var integers: [(key: String, value: Int32)]

    /// Client arguments from `options`. The HTTP proxy lookup is disabled so that no
    /// environment variable can route traffic to another host.
    static func client(_ options: ChannelOptions) -> ChannelArguments {
        let backoff = options.initialReconnectBackoff.clampedMilliseconds
        var integers: [(key: String, value: Int32)] = [
            (GRPC_ARG_ENABLE_HTTP_PROXY, 0),
            (GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, backoff),
            (GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, backoff),
            (GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, options.maxReconnectBackoff.clampedMilliseconds),
            (GRPC_ARG_MAX_RECEIVE_MESSAGE_LENGTH, Int32(clamping: options.maxReceiveMessageLength)),
        ]
        if let keepalive = options.keepaliveTime {
            integers.append((GRPC_ARG_KEEPALIVE_TIME_MS, keepalive.clampedMilliseconds))
        }
        return ChannelArguments(integers: integers)
    }

    /// Server arguments: no SO_REUSEPORT, so binding a port another process holds fails.
    static func server() -> ChannelArguments {
        ChannelArguments(integers: [(GRPC_ARG_ALLOW_REUSEPORT, 0)])
    }

    func withUnsafeArgs<Result>(_ body: (UnsafePointer<grpc_channel_args>) -> Result) -> Result {
        let keys = integers.map { strdup($0.key) }
        defer { keys.forEach { free($0) } }
        var args = zip(keys, integers).map { key, pair in
            var arg = grpc_arg()
            arg.type = GRPC_ARG_INTEGER
            arg.key = key
            arg.value.integer = pair.value
            return arg
        }
        return args.withUnsafeMutableBufferPointer { buffer in
            var channelArgs = grpc_channel_args(num_args: buffer.count, args: buffer.baseAddress)
            return body(&channelArgs)
        }
    }
}
