/// Why a replicas file (or an app spec it names) was rejected: where, which key, and what.
///
/// `description` reads `FILE:LINE:COLUMN: key: message`, the form editors and terminals jump to.
/// Line and column are 1-based.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the problem is in (the replicas file or an app spec).
    public var file: String
    public var line: Int
    public var column: Int
    /// Dotted path of the offending key (`replicasets[1].replicas`), empty for file-level problems.
    public var key: String
    public var message: String

    public init(file: String, line: Int, column: Int, key: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    public var description: String {
        let location = "\(file):\(line):\(column)"
        return key.isEmpty ? "\(location): \(message)" : "\(location): \(key): \(message)"
    }
}
