import Glibc
import Wire

/// libFuzzer's entry point: feeds one input to every Eru message decoder and aborts, with the
/// broken property on stderr, when `FuzzProperty` does not hold. libFuzzer then saves the input
/// as `crash-<sha1>` (see Fuzz/README.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWireDecoders(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    do {
        _ = try FuzzProperty.check(UnsafeRawBufferPointer(start: data, count: size))
    } catch {
        fputs("FuzzProperty violated: \(error)\n", stderr)
        abort()
    }
    return 0
}
