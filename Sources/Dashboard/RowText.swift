import Foundation

/// The status extension of a workload, as erutop shows it. The agent stores a JSON object of
/// container labels there, but the bytes are opaque and may be anything (eru-api.md §3).
public enum ExtensionValue: Sendable, Equatable {
    case empty
    /// A JSON object; values that are not strings are kept as compact JSON text.
    case object([(key: String, value: String)])
    /// Anything else, decoded leniently as UTF-8 (the renderer makes it safe).
    case text(String)

    public init(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else {
            self = .empty
            return
        }
        if bytes.first == UInt8(ascii: "{"),
            let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        {
            self = .object(object.keys.sorted().map { ($0, Self.compactText(object[$0]!)) })
        } else {
            self = .text(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// `k=v k2=v2`, or the raw text.
    public var inlineText: String {
        switch self {
        case .empty: ""
        case .object(let pairs): pairs.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        case .text(let text): text
        }
    }

    public static func == (lhs: ExtensionValue, rhs: ExtensionValue) -> Bool {
        switch (lhs, rhs) {
        case (.empty, .empty): true
        case (.text(let a), .text(let b)): a == b
        case (.object(let a), .object(let b)): a.elementsEqual(b) { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    private static func compactText(_ value: Any) -> String {
        if let string = value as? String { return string }
        if JSONSerialization.isValidJSONObject([value]),
            let data = try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys]),
            let text = String(data: data, encoding: .utf8)
        {
            // Strip the wrapping array that let a scalar through JSONSerialization.
            return String(text.dropFirst().dropLast())
        }
        return String(describing: value)
    }
}

extension WorkloadRow {
    /// The extension parsed for display.
    public var extensionValue: ExtensionValue { ExtensionValue(extensionBytes) }

    /// `name:ip` pairs sorted by network name, space separated.
    public var networksText: String {
        networks.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " ")
    }

    /// The extension as `k=v` pairs, or its raw text.
    public var extensionsText: String { extensionValue.inlineText }
}
