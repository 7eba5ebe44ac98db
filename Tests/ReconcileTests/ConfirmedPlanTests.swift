import Testing

@testable import Reconcile

/// A confirmed preview may be carried out in part, never beyond what it showed.
@Suite struct ConfirmedPlanTests {
    private func plan(create: Int? = nil, image: String = "img:1", remove: [String] = [], refusal: String? = nil) -> Plan {
        Plan(
            refusal: refusal,
            sets: [SetPlan(
                set: "shop/web", summary: SetSummary(desired: 3),
                create: create.map { CreateAction(count: $0, podname: "pod-1", image: image) },
                removals: remove.map { Removal(id: $0, shortID: String($0.suffix(7)), nodename: "n", reason: .newest) })])
    }

    @Test(arguments: [
        ("the same plan", 2, [String](), true),
        ("fewer creations", 1, [], true),
        ("more creations", 3, [], false),
        ("a removal that was shown", nil, ["a"], true),
        ("a removal that was not shown", nil, ["c"], false),
    ] as [(String, Int?, [String], Bool)])
    func aPlanIsWithinThePreviewOnlyWhenItDoesNoMore(name: String, create: Int?, remove: [String], within: Bool) {
        let preview = plan(create: 2, remove: ["a", "b"])

        #expect(plan(create: create, remove: remove).isWithin(preview) == within, "\(name)")
    }

    @Test func anotherImageOrARefusalIsNeverWithin() {
        let preview = plan(create: 2)

        #expect(!plan(create: 1, image: "img:2").isWithin(preview))
        #expect(!plan(create: 1, refusal: "stale").isWithin(preview))
    }
}
