@testable import Render
import Dashboard
import Testing

@Suite struct ExtensionTextTests {
    private func row(ext: String) -> WorkloadRow {
        WorkloadRow(id: "x", status: Fixture.status(running: true, healthy: true, ext: ext))
    }

    @Test(arguments: [
        (#"{"z":"last","a":"first"}"#, "a=first z=last"),
        (
            #"{"n":1.50,"t":true,"o":{"k":[1,"two",null]},"s":"q\"uote"}"#,
            #"n=1.50 o={"k":[1,"two",null]} s=q"uote t=true"#
        ),
        (#"[1,2]"#, "[1,2]"),
        ("not json {", "not json {"),
        (#"{"a":1,}"#, #"{"a":1,}"#),
        ("", ""),
    ])
    func theTableShowsAnObjectAsSortedPairsAndAnythingElseAsRawText(ext: String, expected: String) {
        #expect(row(ext: ext).extensionSummary(columns: 80) == expected)
    }

    @Test func anOversizedExtensionIsNotParsedForTheTable() {
        let big = "{\"k\":\"" + String(repeating: "v", count: 10_000) + "\"}"

        let summary = row(ext: big).extensionSummary(columns: 20)

        #expect(summary.hasPrefix("{\"k\":\"vvv"))
        #expect(summary.utf8.count <= 20 * 4 + 64)
    }

    @Test func deepNestingIsRejectedInsteadOfOverflowingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)

        #expect(JSONValue.parse(Array(deep.utf8)) == nil)
    }

    @Test func theDetailShowsIndentedJSONWithSortedKeys() {
        let lines = row(ext: #"{"b":{"y":[],"x":{}},"a":["\u00e9\ud83d\ude00",2]}"#)
            .extensionPrettyLines(maxLines: 100)

        #expect(lines == [
            "{", #"  "a": ["#, #"    "é😀","#, "    2", "  ],", #"  "b": {"#, #"    "x": {},"#, #"    "y": []"#,
            "  }", "}",
        ])
    }

    @Test func networksAreSortedNamePairs() {
        let row = WorkloadRow(id: "x", status: Fixture.status(running: true, healthy: true,
                                                              networks: ["zeta": "10.0.0.2", "alpha": "10.0.0.1"]))

        #expect(row.networksText == "alpha:10.0.0.1 zeta:10.0.0.2")
    }
}
