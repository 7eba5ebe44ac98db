import Foundation

/// Runs Debian's `protoc` against `Fixtures/eru.proto` to produce golden bytes and text.
///
/// A missing `protoc` is a failure, not a skip: the conformance tests are the only check that
/// the hand-written field numbers agree with a real protobuf implementation.
enum Protoc {
    /// Why a protoc run could not give an answer.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// Encodes a text-format message of type `pb.<message>` to binary.
    static func encode(_ text: String, as message: String) throws -> [UInt8] {
        try run(["--encode=pb.\(message)"], input: Array(text.utf8))
    }

    /// Decodes binary `bytes` of type `pb.<message>` to protoc's text format.
    static func decode(_ bytes: [UInt8], as message: String) throws -> String {
        String(decoding: try run(["--decode=pb.\(message)"], input: bytes), as: UTF8.self)
    }

    private static func run(_ arguments: [String], input: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = ["--proto_path=\(fixtures.path)"] + arguments + ["eru.proto"]
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Inputs and outputs are a few hundred bytes, far below a pipe's buffer, so writing all
        // of stdin before reading stdout cannot deadlock.
        try stdin.fileHandleForWriting.write(contentsOf: input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors, as: UTF8.self)
            throw Failure(description: "protoc \(arguments) exited \(process.terminationStatus): \(message)")
        }
        return [UInt8](output)
    }

    private static func executable() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("protoc")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        throw Failure(description: "protoc not found in PATH; install Debian's protobuf-compiler")
    }
}
