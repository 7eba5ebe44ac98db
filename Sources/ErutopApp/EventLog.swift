import Foundation
import Synchronization

/// The `--log FILE` log: timestamped lines appended to a file, never the terminal. A nil
/// path makes every call a no-op.
public final class EventLog: Sendable {
    public enum Level: String, Sendable { case debug, info, warning, error }

    private let handle: Mutex<FileHandle?>

    /// Opens (creating if needed) `path` for appending.
    public init(path: String?) throws {
        guard let path else {
            handle = Mutex(nil)
            return
        }
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw UsageError("cannot create log file \(path)")
            }
        }
        guard let file = FileHandle(forWritingAtPath: path) else {
            throw UsageError("cannot open log file \(path) for writing")
        }
        file.seekToEndOfFile()
        handle = Mutex(file)
    }

    /// A log that writes nothing.
    public static let disabled = try! EventLog(path: nil)

    /// Appends one line: time, level, message, then `key=value` metadata.
    public func write(_ level: Level, _ message: String, _ metadata: KeyValuePairs<String, String> = [:]) {
        handle.withLock { file in
            guard let file else { return }
            var line = "\(Date().formatted(.iso8601)) \(level.rawValue) \(message)"
            for (key, value) in metadata { line += " \(key)=\(Self.quoted(value))" }
            file.write(Data((line + "\n").utf8))
        }
    }

    /// Values with spaces, quotes or control characters are JSON-quoted so a line stays a line.
    private static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && value.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "\"" }
        if plain { return value }
        let data = try? JSONSerialization.data(withJSONObject: [value], options: [.withoutEscapingSlashes])
        return data.map { String(decoding: $0.dropFirst().dropLast(), as: UTF8.self) } ?? "\"?\""
    }
}
