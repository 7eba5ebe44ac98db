import SeededRandom
import Testing

@testable import Dashboard

/// `RowStore` against a `[String: WorkloadRow]`, the dictionary it replaces.
@Suite struct RowStoreTests {
    @Test func anEmptyStoreHasNoRows() {
        let store = RowStore()

        #expect(store.isEmpty)
        #expect(store.count == 0)
        #expect(store["a"] == nil)
        #expect(store.position(of: "a") == nil)
        #expect(store.values.isEmpty)
        #expect(store.values.isEmpty)
    }

    @Test func storingARowWithAnIDAlreadyHeldReplacesIt() {
        var store = RowStore()
        store.store(Self.row("a", name: "one", digest: 1))
        store.store(Self.row("b", name: "two", digest: 2))

        store.store(Self.row("a", name: "three", digest: 3))

        #expect(store.count == 2)
        #expect(store["a"]?.name == "three")
        #expect(store["a"]?.recordDigest == 3)
        #expect(store["b"]?.name == "two")
    }

    @Test func removingARowMovesTheLastOneIntoItsPlace() throws {
        var store = RowStore()
        for id in ["a", "b", "c", "d"] { store.store(Self.row(id, name: id, digest: 1)) }

        let removed = store.remove(id: "b")
        let missing = store.remove(id: "b")

        #expect(removed?.id == "b")
        #expect(missing == nil)
        #expect(store.count == 3)
        for id in ["a", "c", "d"] {
            let position = try #require(store.position(of: id))
            #expect(store[position: position].id == id)
        }
        #expect(store.position(of: "b") == nil)
    }

    @Test func aRowChangedThroughItsPositionStaysChanged() throws {
        var store = RowStore()
        for id in ["a", "b", "c"] { store.store(Self.row(id, name: id, digest: 1)) }
        store.remove(id: "a")

        let position = try #require(store.position(of: "c"))
        store[position: position].name = "changed"
        store[position: position].recordDigest = 9

        #expect(store["c"]?.name == "changed")
        #expect(store["c"]?.recordDigest == 9)
        #expect(store["b"]?.name == "b")
    }

    @Test(arguments: [UInt64(11), 12, 13])
    func randomChangesMatchADictionaryOfRows(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var store = RowStore()
        var model: [String: WorkloadRow] = [:]
        var version = 0

        for step in 0..<6_000 {
            // IDs from a small pool, so stores replace and removals hit as often as they miss.
            let id = "w\(Int.random(in: 0..<300, using: &random))"
            version += 1
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<55:
                let row = Self.row(id, name: "v\(version)", digest: version)
                store.store(row)
                model[id] = row
            case 55..<95:
                #expect(store.remove(id: id)?.recordDigest == model.removeValue(forKey: id)?.recordDigest)
            case 95..<99:
                let parity = version % 2
                store.filter { $0.recordDigest % 2 == parity }
                model = model.filter { $0.value.recordDigest % 2 == parity }
            default:
                store.removeAll(keepingCapacity: step % 2 == 0 ? 0 : 64)
                model = [:]
            }
            try Self.expectSame(store, model)
        }
    }

    private static func expectSame(
        _ store: RowStore, _ model: [String: WorkloadRow], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(store.count == model.count, sourceLocation: sourceLocation)
        #expect(store.isEmpty == model.isEmpty, sourceLocation: sourceLocation)
        #expect(Set(store.values.map(\.id)) == Set(model.keys), sourceLocation: sourceLocation)
        #expect(
            store.values.map(\.recordDigest).sorted() == model.values.map(\.recordDigest).sorted(),
            sourceLocation: sourceLocation
        )
        for (id, row) in model {
            #expect(store[id] == row, sourceLocation: sourceLocation)
            #expect(store[id]?.recordDigest == row.recordDigest, sourceLocation: sourceLocation)
            let position = try #require(store.position(of: id), sourceLocation: sourceLocation)
            #expect(store[position: position].id == id, sourceLocation: sourceLocation)
            #expect(store[position: position].recordDigest == row.recordDigest, sourceLocation: sourceLocation)
        }
    }

    private static func row(_ id: String, name: String, digest: Int) -> WorkloadRow {
        var row = WorkloadRow(id: id, name: name, lastChange: Fixture.t0)
        row.recordDigest = digest
        return row
    }
}
