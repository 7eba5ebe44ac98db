import Testing
import Wire

@testable import Dashboard

/// `SharedValues` must give back equal workloads whose repeated values share one storage.
struct SharedValuesTests {
    static func workload(_ n: Int, labels: [String: String], image: String) -> Workload {
        var workload = Workload()
        workload.id = "id-\(n)"
        workload.name = "app_web_\(n)"
        workload.labels = labels
        workload.image = image
        workload.podname = "a-pod-name-longer-than-fifteen"
        return workload
    }

    /// The storage a dictionary or string points at (both are one or two words wide).
    static func storage(_ labels: [String: String]) -> UInt { unsafeBitCast(labels, to: UInt.self) }
    static func storage(_ text: String) -> UInt64 { unsafeBitCast(text, to: (UInt64, UInt64).self).1 }

    @Test func sharedWorkloadsStayEqualAndEqualValuesShareOneStorage() {
        var shared = SharedValues()
        // Built separately, so each starts with storage of its own.
        let labels = { ["team": "team-\(5)", "ERU_META": "{\"Publish\":[\"8080\"]}"] }
        let image = { "registry.local/" + "search:v2" }
        let first = Self.workload(1, labels: labels(), image: image())
        let second = Self.workload(2, labels: labels(), image: image())
        #expect(Self.storage(first.labels) != Self.storage(second.labels))

        let a = shared.share(first)
        let b = shared.share(second)
        #expect(a == first && b == second)
        #expect(Self.storage(a.labels) == Self.storage(b.labels))
        #expect(Self.storage(a.image) == Self.storage(b.image))
        #expect(Self.storage(a.podname) == Self.storage(b.podname))
    }

    @Test func differentLabelsAreKeptApartEvenWhenTheirSizesMatch() {
        var shared = SharedValues()
        let results = (0..<200).map { n in
            shared.share(Self.workload(n, labels: ["team": "team-\(n % 7)", "tier": n % 2 == 0 ? "back" : "face"], image: "x"))
        }
        for (n, workload) in results.enumerated() {
            #expect(workload.labels == ["team": "team-\(n % 7)", "tier": n % 2 == 0 ? "back" : "face"])
        }
        #expect(Set(results.map { Self.storage($0.labels) }).count == 14)
    }
}
