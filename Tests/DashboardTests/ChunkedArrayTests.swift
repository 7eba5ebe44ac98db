import SeededRandom
import Testing

@testable import Dashboard

/// `ChunkedArray` against a plain `Array` that it must behave exactly like.
@Suite struct ChunkedArrayTests {
    static let capacity = ChunkedArray<Int>.chunkCapacity

    @Test(arguments: [0, 1, 255, 256, 257, capacity - 1, capacity, capacity + 1, 10_000])
    func anArrayBuiltFromElementsHoldsThemInOrder(count: Int) {
        let elements = Array(0..<count).map { $0 * 3 }

        let chunked = ChunkedArray(elements)

        #expect(chunked.count == count)
        #expect(chunked.isEmpty == (count == 0))
        #expect(Array(chunked) == elements)
        #expect(chunked.indices == elements.indices)
    }

    @Test(arguments: [0, 1, 255, 256, 257, 10_000])
    func anArrayBuiltFromElementsTakesInsertsAndRemovalsAtItsEdges(count: Int) {
        var model = Array(0..<count)
        var chunked = ChunkedArray(model)

        chunked.insert(-1, at: 0)
        model.insert(-1, at: 0)
        chunked.insert(-2, at: chunked.count)
        model.insert(-2, at: model.count)
        #expect(Array(chunked) == model)

        #expect(chunked.remove(at: chunked.count - 1) == model.removeLast())
        #expect(chunked.remove(at: 0) == model.removeFirst())
        #expect(Array(chunked) == model)
    }

    @Test func removingTheFirstChunkElementByElementKeepsTheRestInPlace() {
        // Built from an array, the first chunk holds half a chunk's capacity: emptying it
        // removes the chunk, and the positions of every chunk after it must follow.
        var model = Array(0..<(Self.capacity + 10))
        var chunked = ChunkedArray(model)

        while !model.isEmpty {
            #expect(chunked.remove(at: 0) == model.removeFirst())
            #expect(chunked.count == model.count)
            if let first = model.first {
                #expect(chunked[0] == first)
                #expect(chunked[chunked.count - 1] == model[model.count - 1])
            }
        }
        #expect(Array(chunked) == [])
        chunked.insert(7, at: 0)
        #expect(Array(chunked) == [7])
    }

    @Test func removingAMiddleChunkElementByElementKeepsTheRestInPlace() {
        var model = Array(0..<(3 * Self.capacity / 2))
        var chunked = ChunkedArray(model)
        let middle = Self.capacity / 2

        for _ in 0..<(Self.capacity / 2) {
            #expect(chunked.remove(at: middle) == model.remove(at: middle))
            #expect(chunked[middle - 1] == model[middle - 1])
            #expect(chunked[chunked.count - 1] == model[model.count - 1])
        }
        #expect(Array(chunked) == model)
    }

    /// Thousands of random inserts and removals, in runs that fill chunks past their capacity
    /// and empty them again, each followed by reads next to where it happened.
    @Test(arguments: [UInt64(1), 2, 3])
    func randomInsertsAndRemovalsMatchAPlainArray(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var model: [Int] = []
        var chunked = ChunkedArray<Int>()
        var next = 0

        for round in 0..<12 {
            // Grow, then shrink, so chunks split and empty over and over.
            let growing = round % 2 == 0
            let target = growing ? Int.random(in: 600...3_000, using: &random) : Int.random(in: 0...50, using: &random)
            var steps = 0
            while growing ? model.count < target : model.count > target {
                let insert = model.isEmpty || Int.random(in: 0..<10, using: &random) < (growing ? 8 : 2)
                let count = insert ? model.count + 1 : model.count
                let position = Self.position(in: count, &random)
                if insert {
                    chunked.insert(next, at: position)
                    model.insert(next, at: position)
                    next += 1
                } else {
                    #expect(chunked.remove(at: position) == model.remove(at: position))
                }
                #expect(chunked.count == model.count)
                if !model.isEmpty {
                    for near in max(0, position - 1)...min(model.count - 1, position + 1) {
                        #expect(chunked[near] == model[near])
                    }
                }
                steps += 1
                if steps % 97 == 0 { #expect(Array(chunked) == model) }
            }
            #expect(Array(chunked) == model)
        }
    }

    @Test func partitionPointMatchesALinearScan() {
        var random = SplitMix64(seed: 0xC4A7)
        var model: [Int] = []
        var chunked = ChunkedArray<Int>()

        for round in 0..<3_000 {
            // Sorted with many repeats, kept sorted by inserting where `partitionPoint` says.
            let value = Int.random(in: 0..<400, using: &random)
            let at = chunked.partitionPoint { $0 < value }
            #expect(at == model.firstIndex { $0 >= value } ?? model.count)
            chunked.insert(value, at: at)
            model.insert(value, at: at)
            if round % 3 == 0 {
                let gone = Int.random(in: 0..<model.count, using: &random)
                chunked.remove(at: gone)
                model.remove(at: gone)
            }
        }
        for threshold in -1...401 {
            #expect(chunked.partitionPoint { $0 < threshold } == (model.firstIndex { $0 >= threshold } ?? model.count))
            #expect(chunked.partitionPoint { $0 <= threshold } == (model.firstIndex { $0 > threshold } ?? model.count))
        }
        #expect(ChunkedArray<Int>().partitionPoint { $0 < 1 } == 0)
        #expect(ChunkedArray(Array(0..<10_000)).partitionPoint { $0 < 5_000 } == 5_000)
    }

    /// Mostly uniform, but one time in four at either end, where tables gain and lose rows too.
    private static func position(in count: Int, _ random: inout SplitMix64) -> Int {
        guard count > 0 else { return 0 }
        switch Int.random(in: 0..<8, using: &random) {
        case 0: return 0
        case 1: return count - 1
        default: return Int.random(in: 0..<count, using: &random)
        }
    }
}
