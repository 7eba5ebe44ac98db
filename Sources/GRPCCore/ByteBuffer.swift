import CGRPC

/// Conversions between Swift values and `grpc_slice`.
enum Slice {
    /// A new slice holding a copy of the UTF-8 bytes of `string`; the caller owns it.
    static func copy(_ string: String) -> grpc_slice {
        var string = string
        return string.withUTF8 { utf8 in
            let start = UnsafeRawPointer(utf8.baseAddress)?.assumingMemoryBound(to: CChar.self)
            return grpc_slice_from_copied_buffer(start, utf8.count)
        }
    }

    /// Decodes a (borrowed) slice as UTF-8, repairing invalid sequences.
    static func string(_ slice: grpc_slice) -> String {
        // A small slice keeps its bytes inline, so read them through a pointer to this copy.
        withUnsafePointer(to: slice) { slice in
            let bytes = UnsafeBufferPointer(start: cgrpc_slice_start(slice), count: cgrpc_slice_length(slice))
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}

/// Conversions between `[UInt8]` messages and `grpc_byte_buffer`.
enum ByteBuffer {
    /// A new single-slice buffer with a copy of `bytes`; the caller destroys it.
    static func make(_ bytes: [UInt8]) -> UnsafeMutablePointer<grpc_byte_buffer> {
        var slice = bytes.withUnsafeBytes { raw in
            grpc_slice_from_copied_buffer(raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count)
        }
        defer { grpc_slice_unref(slice) }  // the buffer took its own reference
        return grpc_raw_byte_buffer_create(&slice, 1)
    }

    /// Copies a (borrowed) buffer into one array: one allocation, slices peeked, not copied twice.
    static func bytes(of buffer: UnsafeMutablePointer<grpc_byte_buffer>) -> [UInt8] {
        var reader = grpc_byte_buffer_reader()
        // Init fails only for a compressed buffer it cannot inflate; the core inflates incoming
        // messages before delivering them, so received buffers are always raw.
        let initialized = grpc_byte_buffer_reader_init(&reader, buffer)
        precondition(initialized != 0, "grpc_byte_buffer_reader_init failed on a raw buffer")
        defer { grpc_byte_buffer_reader_destroy(&reader) }
        let length = grpc_byte_buffer_length(reader.buffer_out)
        return [UInt8](unsafeUninitializedCapacity: length) { out, count in
            var slice: UnsafeMutablePointer<grpc_slice>?
            while count < length, grpc_byte_buffer_reader_peek(&reader, &slice) != 0, let slice {
                let size = min(cgrpc_slice_length(slice), length - count)
                if size > 0 {
                    (out.baseAddress! + count).initialize(from: cgrpc_slice_start(slice), count: size)
                }
                count += size
            }
        }
    }
}
