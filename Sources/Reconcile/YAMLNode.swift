import CYAML

/// A position in a YAML file, 1-based.
struct YAMLMark: Sendable, Equatable {
    var line: Int
    var column: Int

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// From libyaml's 0-based `yaml_mark_t`.
    init(_ mark: yaml_mark_t) {
        self.init(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}

/// A YAML document as a tree, each node remembering where it starts.
indirect enum YAMLNode: Sendable {
    /// `plain` is false for quoted and block scalars, so `"~"` stays a string.
    case scalar(String, plain: Bool, at: YAMLMark)
    case sequence([YAMLNode], at: YAMLMark)
    /// Keys in document order; keys are scalars (anything else is rejected while parsing).
    case mapping([(key: String, keyMark: YAMLMark, value: YAMLNode)], at: YAMLMark)

    var mark: YAMLMark {
        switch self {
        case .scalar(_, _, let at), .sequence(_, let at), .mapping(_, let at): at
        }
    }

    /// A plain empty, `~` or `null` scalar: YAML's null.
    var isNull: Bool {
        guard case .scalar(let text, true, _) = self else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// What the node is, for "expected X, found Y" messages.
    var kindName: String {
        switch self {
        case .scalar: isNull ? "null" : "a scalar"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

/// Builds a `YAMLNode` tree from libyaml's event stream (`yaml_parser_parse`).
enum YAMLDocumentParser {
    /// A syntax problem, before any key is known.
    struct SyntaxError: Error {
        var mark: YAMLMark
        var message: String
    }

    /// Parses the first document of `text`; an empty file is an empty mapping.
    static func parse(_ text: String) throws(SyntaxError) -> YAMLNode {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw SyntaxError(mark: YAMLMark(line: 1, column: 1), message: "libyaml could not start")
        }
        defer { yaml_parser_delete(&parser) }

        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> YAMLNode in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = TreeBuilder()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    let problem = parser.problem.map { String(cString: $0) } ?? "syntax error"
                    throw SyntaxError(mark: YAMLMark(parser.problem_mark), message: problem)
                }
                defer { yaml_event_delete(&event) }
                if let root = try builder.consume(event) { return root }
            }
        }
    }
}

/// Turns events into nodes with an explicit stack (so deep nesting cannot overflow the stack).
private struct TreeBuilder {
    private enum Frame {
        case sequence([YAMLNode], YAMLMark)
        case mapping([(key: String, keyMark: YAMLMark, value: YAMLNode)], YAMLMark, pendingKey: (String, YAMLMark)?)
    }

    private var stack: [Frame] = []

    /// Feeds one event; returns the root once the first document ends.
    mutating func consume(_ event: yaml_event_t) throws(YAMLDocumentParser.SyntaxError) -> YAMLNode? {
        let mark = YAMLMark(event.start_mark)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let plain = scalar.style == YAML_PLAIN_SCALAR_STYLE
            return try add(.scalar(text, plain: plain, at: mark))
        case YAML_SEQUENCE_START_EVENT:
            stack.append(.sequence([], mark))
        case YAML_MAPPING_START_EVENT:
            stack.append(.mapping([], mark, pendingKey: nil))
        case YAML_SEQUENCE_END_EVENT:
            guard case .sequence(let items, let start) = stack.popLast() else { return nil }
            return try add(.sequence(items, at: start))
        case YAML_MAPPING_END_EVENT:
            guard case .mapping(let pairs, let start, _) = stack.popLast() else { return nil }
            return try add(.mapping(pairs, at: start))
        case YAML_ALIAS_EVENT:
            throw .init(mark: mark, message: "aliases (*name) are not supported here")
        case YAML_DOCUMENT_END_EVENT, YAML_STREAM_END_EVENT:
            // Only reached when the document had no content at all.
            return .mapping([], at: mark)
        default:
            break
        }
        return nil
    }

    /// Attaches a finished node to its parent, or returns it when it is the root.
    private mutating func add(_ node: YAMLNode) throws(YAMLDocumentParser.SyntaxError) -> YAMLNode? {
        guard let top = stack.popLast() else { return node }
        switch top {
        case .sequence(var items, let start):
            items.append(node)
            stack.append(.sequence(items, start))
        case .mapping(var pairs, let start, let pendingKey):
            if let (key, keyMark) = pendingKey {
                pairs.append((key, keyMark, node))
                stack.append(.mapping(pairs, start, pendingKey: nil))
            } else {
                guard case .scalar(let key, _, let keyMark) = node else {
                    throw .init(mark: node.mark, message: "mapping keys must be plain text")
                }
                if pairs.contains(where: { $0.key == key }) {
                    throw .init(mark: keyMark, message: "duplicate key \"\(key)\"")
                }
                stack.append(.mapping(pairs, start, pendingKey: (key, keyMark)))
            }
        }
        return nil
    }
}
