import CGRPC

/// One unit of work handed to the core: a `grpc_call_start_batch`, a server `request_call`, or a
/// server shutdown notification. The batch is the tag (retained while in flight) and owns every
/// piece of C memory its ops point at; `deinit` frees it after the completion queue delivered
/// the tag, never earlier (tags of pending batches are still delivered after a call's unref).
///
/// Thread rule: filled by the starting thread before the start, afterwards touched only by the
/// completion-queue thread, which is why `@unchecked Sendable` is sound.
final class Batch: @unchecked Sendable {
    /// Runs on the completion-queue thread with the batch itself (to read results) and the
    /// core's success flag.
    var onComplete: (Batch, Bool) -> Void = { _, _ in }
    /// The call whose in-flight count this batch holds; set by `CallHandle.start`.
    var handle: CallHandle?
    private(set) var ops: [grpc_op] = []

    // Owned C memory, each released in deinit.
    private var sentMetadata: UnsafeMutableBufferPointer<grpc_metadata>?  // + its key/value slices
    private var sentMessage: UnsafeMutablePointer<grpc_byte_buffer>?
    private var sentDetails: UnsafeMutablePointer<grpc_slice>?
    private var receivedMessage: UnsafeMutablePointer<UnsafeMutablePointer<grpc_byte_buffer>?>?
    private var initialMetadata: UnsafeMutablePointer<grpc_metadata_array>?  // elements: the call's
    private var trailingMetadata: UnsafeMutablePointer<grpc_metadata_array>?  // elements: the call's
    private var statusCode: UnsafeMutablePointer<grpc_status_code>?
    private var statusDetails: UnsafeMutablePointer<grpc_slice>?
    private var errorString: UnsafeMutablePointer<UnsafePointer<CChar>?>?  // gpr_malloc'ed string
    private var closeCancelled: UnsafeMutablePointer<Int32>?
    private(set) var request: ServerRequestSlots?

    init() {}

    deinit {
        if let sentMetadata {
            for entry in sentMetadata {
                grpc_slice_unref(entry.key)
                grpc_slice_unref(entry.value)
            }
            sentMetadata.deallocate()
        }
        if let sentMessage { grpc_byte_buffer_destroy(sentMessage) }
        if let sentDetails {
            grpc_slice_unref(sentDetails.pointee)
            sentDetails.deallocate()
        }
        if let receivedMessage {
            if let buffer = receivedMessage.pointee { grpc_byte_buffer_destroy(buffer) }
            receivedMessage.deallocate()
        }
        for array in [initialMetadata, trailingMetadata] {
            guard let array else { continue }
            grpc_metadata_array_destroy(array)
            array.deallocate()
        }
        statusCode?.deallocate()
        if let statusDetails {
            grpc_slice_unref(statusDetails.pointee)
            statusDetails.deallocate()
        }
        if let errorString {
            if let string = errorString.pointee { gpr_free(UnsafeMutableRawPointer(mutating: string)) }
            errorString.deallocate()
        }
        closeCancelled?.deallocate()
        request?.release()
    }

    /// Called by the completion-queue thread when the core delivered this tag.
    func complete(success: Bool) {
        onComplete(self, success)
        onComplete = { _, _ in }  // drop captured continuations and owners now
        handle?.batchDone()
    }

    // MARK: ops

    func sendInitialMetadata(_ metadata: Metadata, flags: UInt32 = 0) {
        let entries = UnsafeMutableBufferPointer<grpc_metadata>.allocate(capacity: max(metadata.count, 1))
        for (index, pair) in metadata.enumerated() {
            var entry = grpc_metadata()
            entry.key = Slice.copy(pair.key)
            entry.value = Slice.copy(pair.value)
            entries.initializeElement(at: index, to: entry)
        }
        sentMetadata = UnsafeMutableBufferPointer(rebasing: entries[..<metadata.count])
        var op = grpc_op()
        op.op = GRPC_OP_SEND_INITIAL_METADATA
        op.flags = flags
        op.data.send_initial_metadata.count = metadata.count
        op.data.send_initial_metadata.metadata = entries.baseAddress
        ops.append(op)
    }

    func sendMessage(_ bytes: [UInt8]) {
        let buffer = ByteBuffer.make(bytes)
        sentMessage = buffer
        var op = grpc_op()
        op.op = GRPC_OP_SEND_MESSAGE
        op.data.send_message.send_message = buffer
        ops.append(op)
    }

    /// Lets the core hold this batch's message back until a later message without the hint
    /// (`GRPC_WRITE_BUFFER_HINT`), so that a run of queued messages leaves in few writes; the
    /// batch may then complete before its bytes reached the socket.
    func allowBuffering() {
        guard let index = ops.firstIndex(where: { $0.op == GRPC_OP_SEND_MESSAGE }) else {
            preconditionFailure("no SEND_MESSAGE op")
        }
        ops[index].flags |= UInt32(GRPC_WRITE_BUFFER_HINT)
    }

    func sendCloseFromClient() {
        var op = grpc_op()
        op.op = GRPC_OP_SEND_CLOSE_FROM_CLIENT
        ops.append(op)
    }

    func sendStatusFromServer(_ status: GRPCStatus) {
        let details = UnsafeMutablePointer<grpc_slice>.allocate(capacity: 1)
        details.initialize(to: Slice.copy(status.message))
        sentDetails = details
        var op = grpc_op()
        op.op = GRPC_OP_SEND_STATUS_FROM_SERVER
        op.data.send_status_from_server.trailing_metadata_count = 0
        op.data.send_status_from_server.status = grpc_status_code(rawValue: status.code.rawValue)
        op.data.send_status_from_server.status_details = details
        ops.append(op)
    }

    func receiveInitialMetadata() {
        let array = Self.newMetadataArray()
        initialMetadata = array
        var op = grpc_op()
        op.op = GRPC_OP_RECV_INITIAL_METADATA
        op.data.recv_initial_metadata.recv_initial_metadata = array
        ops.append(op)
    }

    func receiveMessage() {
        let slot = UnsafeMutablePointer<UnsafeMutablePointer<grpc_byte_buffer>?>.allocate(capacity: 1)
        slot.initialize(to: nil)
        receivedMessage = slot
        var op = grpc_op()
        op.op = GRPC_OP_RECV_MESSAGE
        op.data.recv_message.recv_message = slot
        ops.append(op)
    }

    func receiveStatusOnClient() {
        let array = Self.newMetadataArray()
        trailingMetadata = array
        let code = UnsafeMutablePointer<grpc_status_code>.allocate(capacity: 1)
        code.initialize(to: GRPC_STATUS_UNKNOWN)
        statusCode = code
        let details = UnsafeMutablePointer<grpc_slice>.allocate(capacity: 1)
        details.initialize(to: grpc_empty_slice())
        statusDetails = details
        let error = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: 1)
        error.initialize(to: nil)
        errorString = error
        var op = grpc_op()
        op.op = GRPC_OP_RECV_STATUS_ON_CLIENT
        op.data.recv_status_on_client.trailing_metadata = array
        op.data.recv_status_on_client.status = code
        op.data.recv_status_on_client.status_details = details
        op.data.recv_status_on_client.error_string = error
        ops.append(op)
    }

    func receiveCloseOnServer() {
        let flag = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        flag.initialize(to: 0)
        closeCancelled = flag
        var op = grpc_op()
        op.op = GRPC_OP_RECV_CLOSE_ON_SERVER
        op.data.recv_close_on_server.cancelled = flag
        ops.append(op)
    }

    /// Makes this batch the tag of a `grpc_server_request_call`, owning its out-parameters.
    func prepareServerRequest() -> ServerRequestSlots {
        let slots = ServerRequestSlots()
        request = slots
        return slots
    }

    // MARK: results (completion-queue thread)

    /// The received message, read once; nil when the stream ended instead.
    func takeMessage() -> [UInt8]? {
        guard let slot = receivedMessage, let buffer = slot.pointee else { return nil }
        slot.pointee = nil
        defer { grpc_byte_buffer_destroy(buffer) }
        return ByteBuffer.bytes(of: buffer)
    }

    /// The status received by RECV_STATUS_ON_CLIENT.
    var receivedStatus: GRPCStatus {
        guard let statusCode, let statusDetails else { preconditionFailure("no RECV_STATUS_ON_CLIENT op") }
        let code = StatusCode(rawValue: statusCode.pointee.rawValue)
        return GRPCStatus(code, Slice.string(statusDetails.pointee))
    }

    /// Whether RECV_CLOSE_ON_SERVER reported the call as cancelled (not ended by our status).
    var closedByCancel: Bool {
        guard let closeCancelled else { preconditionFailure("no RECV_CLOSE_ON_SERVER op") }
        return closeCancelled.pointee != 0
    }

    private static func newMetadataArray() -> UnsafeMutablePointer<grpc_metadata_array> {
        let array = UnsafeMutablePointer<grpc_metadata_array>.allocate(capacity: 1)
        grpc_metadata_array_init(array)
        return array
    }
}

/// Out-parameters of `grpc_server_request_call`, owned by the request's `Batch`.
final class ServerRequestSlots {
    /// On success the new call; ownership passes to whoever reads it.
    let call = UnsafeMutablePointer<OpaquePointer?>.allocate(capacity: 1)
    let details = UnsafeMutablePointer<grpc_call_details>.allocate(capacity: 1)
    let metadata = UnsafeMutablePointer<grpc_metadata_array>.allocate(capacity: 1)

    init() {
        call.initialize(to: nil)
        grpc_call_details_init(details)
        grpc_metadata_array_init(metadata)
    }

    fileprivate func release() {
        grpc_call_details_destroy(details)
        grpc_metadata_array_destroy(metadata)
        call.deallocate()
        details.deallocate()
        metadata.deallocate()
    }

    /// The requested method path, e.g. `/pkg.Service/Method`.
    var method: String { Slice.string(details.pointee.method) }

    /// Copies the request metadata out (its slices belong to the call).
    var requestMetadata: Metadata {
        let array = metadata.pointee
        return (0..<array.count).map { index in
            let entry = array.metadata[index]
            return (key: Slice.string(entry.key), value: Slice.string(entry.value))
        }
    }
}
