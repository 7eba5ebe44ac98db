import Dashboard
import Foundation

/// The text of a row's columns and detail fields. Everything here is raw server text; the
/// renderer sanitizes it when drawing.
extension WorkloadRow {
    /// The limit for the detail screen, which parses one row only.
    static let detailExtensionParseLimit = 256 * 1024

    /// The extension as `k=v` pairs when it is a JSON object; otherwise the start of its raw
    /// text, enough for `columns` columns.
    func extensionSummary(columns: Int) -> String {
        ExtensionValue(extensionBytes, textLimit: columns * 4 + 64).inlineText
    }

    /// The extension as indented JSON lines when it parses, else `nil`.
    func extensionPrettyLines(maxLines: Int) -> [String]? {
        let bytes = extensionBytes
        guard bytes.count <= WorkloadRow.detailExtensionParseLimit,
            let value = JSONValue.parse(bytes)
        else { return nil }
        return value.prettyLines(maxLines: maxLines)
    }

    /// The leading bytes of `bytes` decoded as UTF-8 (invalid sequences become U+FFFD), enough
    /// for `columns` columns after sanitizing.
    static func rawText(_ bytes: [UInt8], columns: Int) -> String {
        String(decoding: bytes.prefix(columns * 4 + 64), as: UTF8.self)
    }
}

/// Times as the dashboard prints them: UTC, so that output does not depend on the host.
enum TimeText {
    /// `2024-05-01 12:34:56 UTC` for Unix seconds. Times outside years 1...9999 are shown as
    /// the bare number.
    static func utc(unixSeconds: Int64) -> String {
        guard let c = components(unixSeconds: unixSeconds) else { return "\(unixSeconds)" }
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d UTC", c.year ?? 0, c.month ?? 0, c.day ?? 0,
            c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// `utc` for a `Date`, whole seconds.
    static func utc(_ date: Date) -> String {
        guard let seconds = unixSeconds(date) else { return "?" }
        return utc(unixSeconds: seconds)
    }

    /// The time of day of `date`: `12:34:56 UTC`.
    static func utcTimeOfDay(_ date: Date) -> String {
        guard let seconds = unixSeconds(date), let c = components(unixSeconds: seconds) else { return "?" }
        return String(format: "%02d:%02d:%02d UTC", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// Whole seconds from `now` until `date`, rounded up; 0 once it has passed.
    static func secondsLeft(until date: Date, now: Date) -> Int {
        // Clamped before the conversion, which would trap on a huge or non-finite interval.
        let wait = date.timeIntervalSince(now)
        return wait.isFinite ? Int(min(max(0, wait), 1e9).rounded(.up)) : 0
    }

    /// `date` in whole Unix seconds, or nil when it is too far out to print.
    private static func unixSeconds(_ date: Date) -> Int64? {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, abs(seconds) < 1e12 else { return nil }
        return Int64(seconds.rounded(.down))
    }

    /// The UTC calendar fields of a time in years 1...9999, else nil.
    private static func components(unixSeconds: Int64) -> DateComponents? {
        guard (-62_135_596_800...253_402_300_799).contains(unixSeconds) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let date = Date(timeIntervalSince1970: TimeInterval(unixSeconds))
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }

    /// How long ago `date` was, coarse: `42s`, `5m 3s`, `2h 10m`, `3d 4h`.
    static func ago(_ date: Date, now: Date) -> String {
        // Clamped before the conversion, which would trap on a huge or non-finite interval.
        let interval = now.timeIntervalSince(date)
        let seconds = interval.isFinite ? Int64(min(max(0, interval), 1e15).rounded(.down)) : 0
        switch seconds {
        case ..<60: return "\(seconds)s ago"
        case ..<3600: return "\(seconds / 60)m \(seconds % 60)s ago"
        case ..<86_400: return "\(seconds / 3600)h \(seconds / 60 % 60)m ago"
        default: return "\(seconds / 86_400)d \(seconds / 3600 % 24)h ago"
        }
    }
}
