import Foundation

/// One measured figure, with the target it is held against (nil when it has none).
struct Figure: Encodable {
    /// Which of the measurements it belongs to, e.g. `1 decode+apply`.
    var section: String
    var name: String
    var value: Double
    var unit: String
    /// The target in words, e.g. `>= 500000`.
    var target: String?
    /// Whether the target is met; nil without a target.
    var met: Bool?

    init(_ section: String, _ name: String, _ value: Double, _ unit: String, target: Target? = nil) {
        self.section = section
        self.name = name
        self.value = value
        self.unit = unit
        self.target = target?.description
        self.met = target?.isMet(by: value)
    }
}

/// A bound a figure must stay within.
enum Target: CustomStringConvertible {
    case atLeast(Double)
    case atMost(Double)

    func isMet(by value: Double) -> Bool {
        switch self {
        case .atLeast(let bound): value >= bound
        case .atMost(let bound): value <= bound
        }
    }

    var description: String {
        switch self {
        case .atLeast(let bound): ">= \(Report.format(bound))"
        case .atMost(let bound): "<= \(Report.format(bound))"
        }
    }
}

/// Everything one run measured, printed as a table or as JSON.
struct Report: Encodable {
    var machine: String
    var command: String
    var figures: [Figure] = []

    mutating func add(_ figure: Figure) {
        figures.append(figure)
        // Progress goes to stderr so stdout carries only the table or the JSON.
        FileHandle.standardError.write(Data("  \(figure.section) | \(figure.name): \(Self.format(figure.value)) \(figure.unit)\n".utf8))
    }

    /// A Markdown table: section, figure, value, target, verdict.
    func table() -> String {
        var lines = [
            "machine: \(machine)",
            "command: \(command)",
            "",
            "| section | figure | value | target | |",
            "| --- | --- | ---: | --- | --- |",
        ]
        for figure in figures {
            let verdict = figure.met.map { $0 ? "ok" : "MISSED" } ?? ""
            let target = figure.target.map { "\($0) \(figure.unit)" } ?? ""
            lines.append(
                "| \(figure.section) | \(figure.name) | \(Self.format(figure.value)) \(figure.unit) | \(target) | \(verdict) |")
        }
        return lines.joined(separator: "\n")
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// Three significant digits, no exponent; whole numbers above 1000 with thousands separated.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let magnitude = abs(value)
        if magnitude >= 1000 {
            let whole = Int(value.rounded())
            var digits = String(abs(whole))
            var grouped = ""
            while digits.count > 3 {
                grouped = "," + digits.suffix(3) + grouped
                digits.removeLast(3)
            }
            return (whole < 0 ? "-" : "") + digits + grouped
        }
        if magnitude >= 100 { return String(format: "%.0f", value) }
        if magnitude >= 10 { return String(format: "%.1f", value) }
        if magnitude >= 1 { return String(format: "%.2f", value) }
        return String(format: "%.3g", value)
    }
}
