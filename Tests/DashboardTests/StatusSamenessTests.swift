import Testing
import Wire

@testable import Dashboard

/// `isSame(as:)` stands in for `==` on optional statuses in the table's hot path: it must agree
/// with `==` for every field, so a field added to `WorkloadStatus` and forgotten there fails here.
struct StatusSamenessTests {
    static let base: WorkloadStatus = {
        var status = WorkloadStatus()
        status.id = "a1"
        status.running = true
        status.healthy = true
        status.networks = ["calico": "10.0.0.1"]
        status.extension = Array("{}".utf8)
        status.ttl = 30
        status.appname = "web"
        status.nodename = "node-1"
        status.entrypoint = "api"
        return status
    }()

    static let edits: [(String, @Sendable (inout WorkloadStatus) -> Void)] = [
        ("id", { $0.id = "b2" }), ("running", { $0.running = false }), ("healthy", { $0.healthy = false }),
        ("networks", { $0.networks["calico"] = "10.0.0.2" }), ("extension", { $0.extension = [] }),
        ("ttl", { $0.ttl = 0 }), ("appname", { $0.appname = "db" }), ("nodename", { $0.nodename = "node-2" }),
        ("entrypoint", { $0.entrypoint = "worker" }),
    ]

    @Test func aChangeOfAnyOneFieldMakesTwoStatusesDifferent() {
        for (field, edit) in Self.edits {
            var changed = Self.base
            edit(&changed)
            #expect(Optional(Self.base) != Optional(changed), "\(field)")
            #expect(!Optional(Self.base).isSame(as: changed), "\(field)")
        }
    }

    @Test func equalStatusesAndTwoNilsAreTheSameAndNilDiffersFromAny() {
        let none: WorkloadStatus? = nil
        #expect(Optional(Self.base).isSame(as: Self.base))
        #expect(none.isSame(as: nil))
        #expect(!none.isSame(as: Self.base))
        #expect(!Optional(Self.base).isSame(as: nil))
        #expect(!Optional(WorkloadStatus()).isSame(as: nil))
    }

    @Test func itAgreesWithEqualityOverEveryStoredField() {
        // Mirror counts the stored properties: one more than the edits above means a new field.
        #expect(Mirror(reflecting: Self.base).children.count == Self.edits.count)
    }
}
