import GRPCCore
import Testing

@Suite struct StatusTests {
    @Test func canonicalCodesPrintTheirUpperCaseNames() {
        #expect(StatusCode.ok.description == "OK")
        #expect(StatusCode.unavailable.description == "UNAVAILABLE")
        #expect(StatusCode.internalError.description == "INTERNAL")
        #expect(StatusCode.unauthenticated.description == "UNAUTHENTICATED")
    }

    @Test func codesOutsideTheCanonicalRangePrintTheirNumber() {
        #expect(StatusCode(rawValue: 1053).description == "CODE(1053)")
        #expect(StatusCode(rawValue: 17).description == "CODE(17)")
        #expect(StatusCode(rawValue: -1).description == "CODE(-1)")
    }

    @Test func statusDescriptionJoinsCodeAndMessage() {
        #expect(GRPCStatus(.unavailable, "no route").description == "UNAVAILABLE: no route")
        #expect(GRPCStatus(.cancelled).description == "CANCELLED")
    }
}
