/// The status extension of a workload, as erutop shows it. The agent stores a JSON object of
/// container labels there, but the bytes are opaque and may be anything (eru-api.md §3), so
/// parsing is bounded: hostile or huge blobs cost no more than `parseLimit` bytes of work.
public enum ExtensionValue: Sendable {
    case empty
    /// A JSON object, members sorted by key (duplicates keep their source order).
    case object([(key: String, value: JSONValue)])
    /// Anything else, decoded leniently as UTF-8 (the renderer makes it safe).
    case text(String)

    /// Blobs larger than this are not parsed, only shown as text.
    public static let defaultParseLimit = 4 * 1024

    /// Reads `bytes`; only the first `textLimit` bytes become text when they are not a JSON
    /// object of at most `parseLimit` bytes.
    public init(_ bytes: [UInt8], parseLimit: Int = defaultParseLimit, textLimit: Int = .max) {
        guard !bytes.isEmpty else {
            self = .empty
            return
        }
        if bytes.count <= parseLimit, case .object(let members)? = JSONValue.parse(bytes) {
            self = .object(members.sortedByKey())
        } else {
            self = .text(String(decoding: bytes.prefix(textLimit), as: UTF8.self))
        }
    }

    /// `k=v k2=v2` (string values bare, others as compact JSON), or the text.
    public var inlineText: String {
        switch self {
        case .empty: ""
        case .object(let members):
            members.map { member in
                if case .string(let text) = member.value { return member.key + "=" + text }
                return member.key + "=" + member.value.compact
            }.joined(separator: " ")
        case .text(let text): text
        }
    }
}

extension WorkloadRow {
    /// The extension parsed for display.
    public var extensionValue: ExtensionValue { ExtensionValue(extensionBytes) }

    /// `name:ip` pairs sorted by network name, space separated.
    public var networksText: String { Self.networksText(networks) }

    /// `networksText` of a row with these networks.
    static func networksText(_ networks: [String: String]) -> String {
        networks.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " ")
    }

    /// The extension as `k=v` pairs, or its raw text.
    public var extensionsText: String { extensionValue.inlineText }
}
