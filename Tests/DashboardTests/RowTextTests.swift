import Testing
import Wire

@testable import Dashboard

@Suite struct RowTextTests {
    @Test func extensionJSONObjectBecomesSortedPairs() {
        let value = ExtensionValue(Array(#"{"zone":"z1","version":"v3","n":3}"#.utf8))

        #expect(value.inlineText == "n=3 version=v3 zone=z1")
    }

    @Test func extensionThatIsNotAJSONObjectStaysRawText() {
        #expect(ExtensionValue(Array("plain text".utf8)).inlineText == "plain text")
        #expect(ExtensionValue(Array("[1,2]".utf8)).inlineText == "[1,2]")
        #expect(ExtensionValue([]).inlineText == "")
        guard case .text = ExtensionValue(Array(#"{"a":1"#.utf8)) else {
            Issue.record("a truncated object must stay text")
            return
        }
    }

    @Test func aHugeExtensionIsNotParsedAndItsTextIsBounded() {
        let huge = Array(("{\"k\":\"" + String(repeating: "x", count: 100_000) + "\"}").utf8)

        let value = ExtensionValue(huge, textLimit: 50)

        #expect(value.inlineText.utf8.count == 50)
    }

    @Test func nameSplitsIntoAppEntrypointAndIdentWithUnderscoresInTheApp() {
        let row = WorkloadRow(id: "x", name: "my_app_web_qwerty")

        #expect(row.appname == "my_app")
        #expect(row.entrypoint == "web")
        #expect(row.nameParts.ident == "qwerty")
    }

    @Test func labelFilterTextParsesAndRejectsPairsWithoutEquals() throws {
        #expect(try Filters.parseLabels("a=1, b=x=y") == ["a": "1", "b": "x=y"])
        #expect(throws: FilterError.badLabel("oops")) { try Filters.parseLabels("a=1,oops") }
    }

    @Test func shortIDIsTheLastSevenCharacters() {
        #expect(WorkloadRow(id: "0123456789abcdef").shortID == "9abcdef")
    }
}
