import Foundation
import Testing

@testable import Dashboard

@Suite struct SortPrefixTests {
    /// ASCII with shared prefixes, a NUL, prefixes of each other, and non-ASCII text in both
    /// composed and decomposed form (String orders those by their normalised form).
    static let samples = [
        "", "a", "ab", "ab\u{0}", "abcdefgh", "abcdefgh1", "abcdefgi", "abcdefg", "B", "billing_api_x",
        "billing_api_y", "billing_worker", "z", "caf\u{E9}", "cafe\u{301}", "cafe", "cafez", "\u{1F600}",
        "\u{7F}", "abcdefg\u{E9}",
    ]

    @Test func comparesExactlyAsStringDoes() {
        for a in Self.samples {
            for b in Self.samples {
                let expected = ComparisonOrder(a, b)
                #expect(SortPrefix(a).compare(SortPrefix(b), a, b) == expected, "\(a.debugDescription) vs \(b.debugDescription)")
            }
        }
    }

    @Test func aFullSortAgreesWithTheOrderUpdatesKeep() {
        let names = Self.samples.map { "\($0)_web_x" }
        let rows = (0..<60).map { n in
            var row = WorkloadRow(Fixture.workload(n, node: Self.samples[n % Self.samples.count]), status: nil, seenAt: Fixture.t0)
            row.name = names[n % names.count]
            row.createTime = Int64(n % 7)
            return row
        }
        for column in TableSort.Column.allCases {
            for ascending in [true, false] {
                let sort = TableSort(column: column, ascending: ascending)
                var table = WorkloadTable(sort: sort)
                table.replaceAll(rows)

                let expected = rows.sorted { sort.precedes($0, $1) }.map(\.id)
                #expect(Array(table.order) == expected, "\(sort)")
            }
        }
    }
}
