/// Typed, position-aware reads from a YAML mapping, for the replicas file and app specs.
///
/// Every failure is a `ConfigError` naming the file, the node's line and column, and the dotted
/// key path. `finish()` rejects keys nobody asked for when the reader is strict.
final class YAMLMapReader {
    let file: String
    let path: String
    let mark: YAMLMark
    private let pairs: [(key: String, keyMark: YAMLMark, value: YAMLNode)]
    private var used: Set<String> = []

    /// Wraps `node`, which must be a mapping.
    init(_ node: YAMLNode, file: String, path: String) throws(ConfigError) {
        guard case .mapping(let pairs, let mark) = node else {
            throw YAMLMapReader.error(file, node.mark, path, "expected a mapping, found \(node.kindName)")
        }
        self.file = file
        self.path = path
        self.mark = mark
        self.pairs = pairs
    }

    static func error(_ file: String, _ mark: YAMLMark, _ key: String, _ message: String) -> ConfigError {
        ConfigError(file: file, line: mark.line, column: mark.column, key: key, message: message)
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// An error located at `key`'s value (or at this mapping when the key is absent).
    func error(_ key: String, _ message: String) -> ConfigError {
        let at = pairs.first { $0.key == key }?.value.mark ?? mark
        return YAMLMapReader.error(file, at, keyPath(key), message)
    }

    /// The node under `key`, nil when absent or null.
    func node(_ key: String) -> YAMLNode? {
        used.insert(key)
        guard let value = pairs.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
        return value
    }

    /// `value`, or a "required key is missing" error at this mapping.
    func require<T>(_ value: T?, _ key: String) throws(ConfigError) -> T {
        guard let value else { throw error(key, "required key is missing") }
        return value
    }

    func string(_ key: String) throws(ConfigError) -> String? {
        guard let node = node(key) else { return nil }
        return try scalar(node, keyPath(key))
    }

    func int(_ key: String) throws(ConfigError) -> Int? {
        guard let node = node(key) else { return nil }
        let text = try scalar(node, keyPath(key))
        guard let value = Int(text) else {
            throw Self.error(file, node.mark, keyPath(key), "expected an integer, found \"\(text)\"")
        }
        return value
    }

    func double(_ key: String) throws(ConfigError) -> Double? {
        guard let node = node(key) else { return nil }
        let text = try scalar(node, keyPath(key))
        guard let value = Double(text), value.isFinite else {
            throw Self.error(file, node.mark, keyPath(key), "expected a number, found \"\(text)\"")
        }
        return value
    }

    func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let node = node(key) else { return nil }
        switch try scalar(node, keyPath(key)) {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        case let text: throw Self.error(file, node.mark, keyPath(key), "expected true or false, found \"\(text)\"")
        }
    }

    func strings(_ key: String) throws(ConfigError) -> [String]? {
        guard let node = node(key) else { return nil }
        guard case .sequence(let items, _) = node else {
            throw Self.error(file, node.mark, keyPath(key), "expected a list, found \(node.kindName)")
        }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            result.append(try scalar(item, "\(keyPath(key))[\(index)]"))
        }
        return result
    }

    /// A string map, written either as a mapping or (when `allowPairs`) as a list of `k=v`.
    func stringMap(_ key: String, allowPairs: Bool = false) throws(ConfigError) -> [String: String]? {
        guard let node = node(key) else { return nil }
        if allowPairs, case .sequence(let items, _) = node {
            var result: [String: String] = [:]
            for (index, item) in items.enumerated() {
                let itemPath = "\(keyPath(key))[\(index)]"
                let text = try scalar(item, itemPath)
                guard let equals = text.firstIndex(of: "=") else {
                    throw Self.error(file, item.mark, itemPath, "expected key=value, found \"\(text)\"")
                }
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            return result
        }
        let map = try YAMLMapReader(node, file: file, path: keyPath(key))
        return try map.allStrings()
    }

    /// Every entry of this mapping as a string (all keys count as used).
    func allStrings() throws(ConfigError) -> [String: String] {
        var result: [String: String] = [:]
        for pair in pairs {
            used.insert(pair.key)
            result[pair.key] = try scalar(pair.value, keyPath(pair.key))
        }
        return result
    }

    /// Every entry with its value node, in document order (all keys count as used).
    func entries() -> [(key: String, value: YAMLNode)] {
        pairs.map { pair in
            used.insert(pair.key)
            return (pair.key, pair.value)
        }
    }

    /// Throws on the first key that was never read.
    func finish() throws(ConfigError) {
        if let unknown = pairs.first(where: { !used.contains($0.key) }) {
            throw Self.error(file, unknown.keyMark, keyPath(unknown.key), "unknown key")
        }
    }

    private func scalar(_ node: YAMLNode, _ path: String) throws(ConfigError) -> String {
        guard case .scalar(let text, _, _) = node else {
            throw Self.error(file, node.mark, path, "expected a scalar, found \(node.kindName)")
        }
        return text
    }
}
