/// A parsed JSON value, just enough to show a workload's extension blob. Object members keep
/// their order and duplicates; numbers keep their source text so nothing is reformatted.
public indirect enum JSONValue: Sendable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    /// Parses `bytes` as one JSON value; `nil` when it is not valid JSON or nests deeper than
    /// `maxDepth` (a recursion guard against hostile input).
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 64) -> JSONValue? {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        guard let value = parser.value(depth: 0) else { return nil }
        parser.skipSpace()
        return parser.atEnd ? value : nil
    }

    /// Single-line JSON text.
    public var compact: String {
        switch self {
        case .string(let text): return JSONValue.quoted(text)
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.compact).joined(separator: ",") + "]"
        case .object(let members):
            let parts = members.map { JSONValue.quoted($0.key) + ":" + $0.value.compact }
            return "{" + parts.joined(separator: ",") + "}"
        }
    }

    /// Indented JSON text, two spaces a level, with object keys sorted; stops after `maxLines`.
    public func prettyLines(maxLines: Int) -> [String] {
        var lines: [String] = []
        appendPretty(to: &lines, indent: "", prefix: "", suffix: "", maxLines: maxLines)
        return lines
    }

    private func appendPretty(
        to lines: inout [String], indent: String, prefix: String, suffix: String, maxLines: Int
    ) {
        guard lines.count < maxLines else { return }
        let inner = indent + "  "
        switch self {
        case .array(let items) where !items.isEmpty:
            lines.append(indent + prefix + "[")
            for (index, item) in items.enumerated() {
                let comma = index == items.count - 1 ? "" : ","
                item.appendPretty(to: &lines, indent: inner, prefix: "", suffix: comma, maxLines: maxLines)
            }
            if lines.count < maxLines { lines.append(indent + "]" + suffix) }
        case .object(let members) where !members.isEmpty:
            lines.append(indent + prefix + "{")
            let sorted = members.sortedByKey()
            for (index, member) in sorted.enumerated() {
                let comma = index == sorted.count - 1 ? "" : ","
                let key = JSONValue.quoted(member.key) + ": "
                member.value.appendPretty(to: &lines, indent: inner, prefix: key, suffix: comma, maxLines: maxLines)
            }
            if lines.count < maxLines { lines.append(indent + "}" + suffix) }
        default:
            lines.append(indent + prefix + compact + suffix)
        }
    }

    /// `text` as a JSON string literal; controls become JSON escapes.
    public static func quoted(_ text: String) -> String {
        // Most texts need no escape: then they go out whole instead of scalar by scalar.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension Array where Element == (key: String, value: JSONValue) {
    /// Members sorted by key, keeping the source order of duplicates.
    public func sortedByKey() -> [(key: String, value: JSONValue)] {
        enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element)
    }
}

/// A strict recursive-descent JSON reader over UTF-8 bytes.
private struct JSONParser {
    let bytes: [UInt8]
    let maxDepth: Int
    var position = 0

    var atEnd: Bool { position == bytes.count }

    mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) {
            position += 1
        }
    }

    mutating func value(depth: Int) -> JSONValue? {
        guard depth <= maxDepth else { return nil }
        skipSpace()
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default: return number()
        }
    }

    private mutating func object(depth: Int) -> JSONValue? {
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        skipSpace()
        if consume("}") { return .object(members) }
        repeat {
            skipSpace()
            guard let key = string() else { return nil }
            skipSpace()
            guard consume(":"), let item = value(depth: depth + 1) else { return nil }
            members.append((key, item))
            skipSpace()
        } while consume(",")
        return consume("}") ? .object(members) : nil
    }

    private mutating func array(depth: Int) -> JSONValue? {
        position += 1
        var items: [JSONValue] = []
        skipSpace()
        if consume("]") { return .array(items) }
        repeat {
            guard let item = value(depth: depth + 1) else { return nil }
            items.append(item)
            skipSpace()
        } while consume(",")
        return consume("]") ? .array(items) : nil
    }

    private mutating func string() -> String? {
        guard consume("\"") else { return nil }
        var utf8: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let scalar = escapedScalar() else { return nil }
                utf8.append(contentsOf: Array(String(scalar).utf8))
            case 0..<0x20: return nil
            default: utf8.append(byte)
            }
        }
        return nil
    }

    /// The scalar after a backslash; a lone surrogate becomes U+FFFD.
    private mutating func escapedScalar() -> Unicode.Scalar? {
        guard position < bytes.count else { return nil }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return Unicode.Scalar(byte)
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            guard let unit = hex4() else { return nil }
            if (0xD800..<0xDC00).contains(unit), bytes[position...].starts(with: Array("\\u".utf8)) {
                let saved = position
                position += 2
                if let low = hex4(), (0xDC00..<0xE000).contains(low) {
                    return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                }
                position = saved
            }
            return Unicode.Scalar(unit) ?? "\u{FFFD}"
        default: return nil
        }
    }

    private mutating func hex4() -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        var unit: UInt32 = 0
        for byte in bytes[position..<position + 4] {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
            unit = unit * 16 + UInt32(digit)
        }
        position += 4
        return unit
    }

    private mutating func number() -> JSONValue? {
        let start = position
        _ = consume("-")
        guard digits() > 0 else { return nil }
        if consume("."), digits() == 0 { return nil }
        if consume("e") || consume("E") {
            _ = consume("+") || consume("-")
            guard digits() > 0 else { return nil }
        }
        return .number(String(decoding: bytes[start..<position], as: UTF8.self))
    }

    private mutating func digits() -> Int {
        let start = position
        while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
        return position - start
    }

    private mutating func literal(_ word: String, _ value: JSONValue) -> JSONValue? {
        let utf8 = Array(word.utf8)
        guard bytes[position...].starts(with: utf8) else { return nil }
        position += utf8.count
        return value
    }

    private mutating func consume(_ ascii: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: ascii) else { return false }
        position += 1
        return true
    }
}
