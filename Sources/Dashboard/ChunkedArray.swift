/// An array kept as a list of chunks of at most `chunkCapacity` elements, so that inserting or
/// removing in the middle moves the elements of one chunk, not every element after it: at
/// 100k rows a flat array shifts over a megabyte per change.
///
/// Positions are global, as in an array; finding one costs a binary search over the chunks.
struct ChunkedArray<Element>: RandomAccessCollection {
    /// Large enough that a walk over the elements is mostly within a chunk, small enough that
    /// a change moves little.
    static var chunkCapacity: Int { 512 }

    private var chunks: [[Element]] = []
    /// The position of each chunk's first element.
    private var starts: [Int] = []
    private var total = 0

    init() {}

    /// An array holding `elements` in order, its chunks half full so inserts have room.
    init(_ elements: [Element]) {
        let size = Self.chunkCapacity / 2
        var start = 0
        while start < elements.count {
            let end = Swift.min(start + size, elements.count)
            chunks.append(Array(elements[start..<end]))
            starts.append(start)
            start = end
        }
        total = elements.count
    }

    var startIndex: Int { 0 }
    var endIndex: Int { total }

    subscript(position: Int) -> Element {
        precondition(position >= 0 && position < total, "position out of range")
        let (chunk, offset) = locate(position)
        return chunks[chunk][offset]
    }

    mutating func insert(_ element: Element, at position: Int) {
        precondition(position >= 0 && position <= total, "position out of range")
        guard !chunks.isEmpty else {
            chunks = [[element]]
            starts = [0]
            total = 1
            return
        }
        let (chunk, offset) = position == total ? (chunks.count - 1, chunks[chunks.count - 1].count) : locate(position)
        chunks[chunk].insert(element, at: offset)
        total += 1
        if chunks[chunk].count > Self.chunkCapacity {
            let half = chunks[chunk].count / 2
            let tail = Array(chunks[chunk][half...])
            chunks[chunk].removeSubrange(half...)
            chunks.insert(tail, at: chunk + 1)
            starts.insert(0, at: chunk + 1)
        }
        recountStarts(after: chunk)
    }

    @discardableResult
    mutating func remove(at position: Int) -> Element {
        precondition(position >= 0 && position < total, "position out of range")
        var (chunk, offset) = locate(position)
        let element = chunks[chunk].remove(at: offset)
        total -= 1
        if chunks[chunk].isEmpty {
            chunks.remove(at: chunk)
            starts.remove(at: chunk)
        } else {
            chunk += 1
        }
        // Every chunk after the element starts one position earlier.
        for next in chunk..<chunks.count { starts[next] -= 1 }
        return element
    }

    /// The first position whose element is not `before`, for elements ordered so that every
    /// one that is `before` comes first (a binary search).
    func partitionPoint(_ before: (Element) -> Bool) -> Int {
        var low = 0
        var high = chunks.count
        while low < high {
            let mid = (low + high) / 2
            if before(chunks[mid][chunks[mid].count - 1]) { low = mid + 1 } else { high = mid }
        }
        guard low < chunks.count else { return total }
        let chunk = chunks[low]
        var first = 0
        var last = chunk.count
        while first < last {
            let mid = (first + last) / 2
            if before(chunk[mid]) { first = mid + 1 } else { last = mid }
        }
        return starts[low] + first
    }

    /// The chunk holding `position` and the offset in it.
    private func locate(_ position: Int) -> (chunk: Int, offset: Int) {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= position { low = mid } else { high = mid - 1 }
        }
        return (low, position - starts[low])
    }

    /// Recomputes the starts of the chunks after `chunk`, whose own start is right.
    private mutating func recountStarts(after chunk: Int) {
        var start = starts[chunk] + chunks[chunk].count
        for next in (chunk + 1)..<chunks.count {
            starts[next] = start
            start += chunks[next].count
        }
    }
}

extension ChunkedArray: Sendable where Element: Sendable {}
