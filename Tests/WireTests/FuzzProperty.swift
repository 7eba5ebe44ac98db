import Wire

/// The property every fuzz input is held to, by the in-process loops (`MutationFuzzTests`,
/// `GarbageInputTests`) and by the libFuzzer harness (`Fuzz/run.sh` compiles this file next to
/// `Fuzz/WireFuzzer/WireFuzzer.swift`, which is why it imports nothing but Wire).
///
/// Each decoder must either throw a `WireError` that describes the input consistently (offsets
/// inside it, a length that really overruns), or decode a value whose encoding decodes back to an
/// equal value and re-encodes to the very same bytes.
enum FuzzProperty {
    /// Every message type with a codec.
    static let messageTypes: [any WireMessage.Type] = [
        Empty.self, CoreInfo.self, ListWorkloadsOptions.self, WorkloadStatusStreamOptions.self,
        WorkloadStatus.self, Workload.self, WorkloadStatusStreamMessage.self, WorkloadID.self,
        WorkloadIDs.self, WorkloadsStatus.self, HealthCheckOptions.self, HookOptions.self,
        LogOptions.self, EntrypointOptions.self, NodeFilter.self, DeployOptions.self,
        CreateWorkloadMessage.self, RemoveWorkloadOptions.self, RemoveWorkloadMessage.self,
    ]

    /// One input broken by one decoder, with enough detail to reproduce it.
    struct Violation: Error, CustomStringConvertible {
        let messageType: String
        let problem: String
        let input: [UInt8]

        var description: String {
            let hex = input.map { byte in
                let digits = String(byte, radix: 16)
                return byte < 0x10 ? "0" + digits : digits
            }
            let bytes = hex.joined(separator: " ")
            return "\(messageType): \(problem); input (\(input.count) bytes): \(bytes)"
        }
    }

    /// Feeds `input` to every decoder in `messageTypes`.
    /// - Parameter rejected: called with each (consistent) error a decoder threw.
    /// - Returns: how many decoders decoded the input.
    static func check(
        _ input: UnsafeRawBufferPointer,
        rejected: (WireError) -> Void = { _ in }
    ) throws(Violation) -> Int {
        var decoded = 0
        for type in messageTypes where try check(type, input, rejected: rejected) {
            decoded += 1
        }
        return decoded
    }

    /// Decodes `input` as `type` and checks the round trip; returns whether it decoded.
    static func check<M: WireMessage>(
        _ type: M.Type,
        _ input: UnsafeRawBufferPointer,
        rejected: (WireError) -> Void = { _ in }
    ) throws(Violation) -> Bool {
        func violation(_ problem: String) -> Violation {
            Violation(messageType: "\(type)", problem: problem, input: [UInt8](input))
        }

        let value: M
        do {
            value = try M(wire: input)
        } catch {
            guard error.isConsistent(withInputOfCount: input.count) else {
                throw violation("inconsistent error \(error)")
            }
            rejected(error)
            return false
        }
        let encoded = value.wireBytes()
        let again: M
        do {
            again = try M(wire: encoded)
        } catch {
            throw violation("its re-encoding fails to decode: \(error)")
        }
        guard again == value else {
            throw violation("its re-encoding decodes to a different value")
        }
        guard again.wireBytes() == encoded else {
            throw violation("encoding is not stable: a second round trip changed the bytes")
        }
        return true
    }
}

extension WireError {
    /// Whether this error could describe an input of `count` bytes: every offset lies inside it
    /// (or at its end, where a value was cut off), and every reported value is one the reader
    /// really rejects.
    fileprivate func isConsistent(withInputOfCount count: Int) -> Bool {
        let inside = 0..<count
        let insideOrAtEnd = 0...count
        switch self {
        case .truncatedVarint(let offset):
            return insideOrAtEnd.contains(offset)
        case .varintOverflow(let offset):
            return inside.contains(offset)
        case .truncatedFixed(let offset, let width):
            return insideOrAtEnd.contains(offset) && (width == 4 || width == 8)
        case .lengthBeyondEnd(let offset, let length, let available):
            return inside.contains(offset) && available >= 0 && available < count - offset
                && length > UInt64(available)
        case .invalidFieldNumber(let number, let offset):
            return inside.contains(offset) && (number == 0 || number > 0x1FFF_FFFF)
        case .invalidWireType(let type, let offset):
            return inside.contains(offset) && (type == 6 || type == 7)
        case .wrongWireType(let field, let expected, let found, let offset):
            return inside.contains(offset) && field >= 1 && expected != found
        case .unmatchedEndGroup(let field, let offset), .unterminatedGroup(let field, let offset):
            return inside.contains(offset) && field >= 1
        case .nestingTooDeep(let limit, let offset):
            return inside.contains(offset) && limit == WireReader.maxDepth
        }
    }
}
