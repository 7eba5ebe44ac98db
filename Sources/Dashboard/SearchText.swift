/// A search string prepared once for matching many rows: its lower-cased ASCII bytes are built
/// here rather than per row.
struct SearchNeedle: Sendable {
    let text: String
    /// `text` lower-cased, or nil when it is not all ASCII (then Foundation compares).
    private let ascii: [UInt8]?

    init(_ text: String) {
        self.text = text
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard byte < 0x80 else {
                ascii = nil
                return
            }
            bytes.append(Self.lowercased(byte))
        }
        ascii = bytes
    }

    /// Whether a row matches: cheapest columns first, the derived ones (`derived` builds them)
    /// only for rows the others did not match.
    func matches(_ row: SearchColumns, derived: () -> DerivedSearchText) -> Bool {
        if contains(row.shortID) || contains(row.name) || contains(row.nodename)
            || contains(row.status.rawValue)
        {
            return true
        }
        let texts = derived()
        return contains(texts.networksText) || contains(texts.extensionsText)
    }

    /// Case-insensitive: ASCII against ASCII needs no locale (Foundation's search costs
    /// microseconds per call, which makes a search over 100k rows take seconds).
    func contains(_ haystack: String) -> Bool {
        guard let ascii else { return haystack.localizedCaseInsensitiveContains(text) }
        return Self.asciiContains(haystack, ascii) ?? haystack.localizedCaseInsensitiveContains(text)
    }

    /// Whether ASCII `haystack` contains `needle` (lower-case ASCII) ignoring case; nil when
    /// `haystack` is not all ASCII (some non-ASCII letters fold to ASCII ones, e.g. the Kelvin sign).
    private static func asciiContains(_ haystack: String, _ needle: [UInt8]) -> Bool? {
        var haystack = haystack
        return haystack.withUTF8 { bytes -> Bool? in
            if bytes.contains(where: { $0 >= 0x80 }) { return nil }
            guard bytes.count >= needle.count else { return false }
            guard let first = needle.first else { return true }
            for start in 0...(bytes.count - needle.count) where lowercased(bytes[start]) == first {
                var index = 1
                while index < needle.count, lowercased(bytes[start + index]) == needle[index] {
                    index += 1
                }
                if index == needle.count { return true }
            }
            return false
        }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}

/// What a search looks at in a row: a few references, cheap to copy out of the table for a
/// search run elsewhere (the shown texts are derived from them).
struct SearchColumns: Sendable {
    let id: String
    let shortID: String
    let name: String
    let nodename: String
    let status: StatusWord
    let networks: [String: String]
    let extensionBytes: [UInt8]

    init(_ row: WorkloadRow) {
        id = row.id
        shortID = row.shortID
        name = row.name
        nodename = row.nodename
        status = row.statusWord
        networks = row.networks
        extensionBytes = row.extensionBytes
    }
}

/// The columns of a row that are costly to derive for a search (networks sorted and joined,
/// the extension parsed as JSON), with the status parts they were derived from, so a later
/// version of the row is noticed and derived again.
struct DerivedSearchText: Sendable {
    let networks: [String: String]
    let extensionBytes: [UInt8]
    let networksText: String
    let extensionsText: String

    init(_ row: SearchColumns) {
        networks = row.networks
        extensionBytes = row.extensionBytes
        networksText = WorkloadRow.networksText(row.networks)
        extensionsText = ExtensionValue(row.extensionBytes).inlineText
    }

    /// Whether these texts are still those of `row`. Usually a pointer comparison: an
    /// unchanged row shares its dictionary and array with the ones kept here.
    func isCurrent(for row: SearchColumns) -> Bool {
        extensionBytes == row.extensionBytes && networks == row.networks
    }
}

/// The derived search texts of the rows, by ID, each kept until its row's status changes: a
/// new search, or a refined one, then derives nothing for the rows that did not change.
/// Filled only while a search is set (a rebuild without one leaves it empty), so the memory
/// is spent only while it helps.
struct SearchTextCache: Sendable {
    private var texts: [String: DerivedSearchText] = [:]

    var count: Int { texts.count }

    init(capacity: Int = 0) {
        texts.reserveCapacity(capacity)
    }

    /// Whether `row` matches `needle`, deriving its texts if `kept` holds no current ones; the
    /// texts used are kept here. A rebuild fills a new cache from the old one, so the texts
    /// of removed rows are not carried along.
    mutating func matches(_ row: SearchColumns, _ needle: SearchNeedle, reusing kept: SearchTextCache) -> Bool {
        needle.matches(row) {
            if let old = kept.texts[row.id], old.isCurrent(for: row) {
                texts[row.id] = old
                return old
            }
            let derived = DerivedSearchText(row)
            texts[row.id] = derived
            return derived
        }
    }

    /// Whether `row` matches `needle`, through the texts kept here, without keeping new ones
    /// (for the few rows a fold re-places).
    func matches(_ row: SearchColumns, _ needle: SearchNeedle) -> Bool {
        needle.matches(row) {
            if let old = texts[row.id], old.isCurrent(for: row) { return old }
            return DerivedSearchText(row)
        }
    }
}
