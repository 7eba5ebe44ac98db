/// A message with a hand-written proto3 codec.
///
/// Decoding skips unknown fields (they are not kept, so re-encoding drops them), lets the last
/// value win for scalars, merges repeated occurrences of a sub-message, and appends to repeated
/// fields and maps. See `WireReader` for how malformed input is reported.
public protocol WireMessage: Sendable, Equatable {
    init()
    /// Decodes a whole message from `bytes`.
    init(wire bytes: [UInt8]) throws(WireError)
    /// Decodes a whole message straight from `buffer`, without copying it first.
    init(wire buffer: UnsafeRawBufferPointer) throws(WireError)
    /// The proto3 encoding of this message.
    func wireBytes() -> [UInt8]
    /// Merges every field up to the end of `reader`'s message into `self`.
    mutating func merge(from reader: inout WireReader) throws(WireError)
    /// Appends this message's fields (without a length prefix) to `writer`.
    func encode(to writer: inout WireWriter)
}

// Inlinable so a caller in another module gets a version specialized for its concrete message
// type instead of the generic one that goes through witness tables and metadata look-ups.
extension WireMessage {
    @inlinable
    public init(wire bytes: [UInt8]) throws(WireError) {
        // `withUnsafeBytes` rethrows untyped errors, so the typed error travels in a Result.
        let decoded = bytes.withUnsafeBytes { buffer in
            Result { () throws(WireError) in try Self(wire: buffer) }
        }
        self = try decoded.get()
    }

    @inlinable
    public init(wire buffer: UnsafeRawBufferPointer) throws(WireError) {
        self.init()
        var reader = WireReader(buffer)
        try merge(from: &reader)
    }

    @inlinable
    public func wireBytes() -> [UInt8] {
        var writer = WireWriter()
        encode(to: &writer)
        return writer.bytes
    }
}
