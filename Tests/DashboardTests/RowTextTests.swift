import Testing
import Wire

@testable import Dashboard

@Suite struct RowTextTests {
    @Test func extensionJSONObjectBecomesSortedPairs() {
        let value = ExtensionValue(Array(#"{"zone":"z1","version":"v3","n":3}"#.utf8))

        #expect(value.inlineText == "n=3 version=v3 zone=z1")
    }

    @Test func extensionThatIsNotAJSONObjectStaysRawText() {
        #expect(ExtensionValue(Array("plain text".utf8)) == .text("plain text"))
        #expect(ExtensionValue(Array("[1,2]".utf8)) == .text("[1,2]"))
        #expect(ExtensionValue([]) == .empty)
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
