/// Selection and scroll position of the table. The selection follows the workload (by ID), not
/// the row number: when rows move, the selected workload stays selected; when it disappears,
/// the row that took its place is selected.
public struct TableViewState: Sendable, Equatable {
    public private(set) var selectedID: String?
    /// Position of the selection in the sorted list at the last sync.
    public private(set) var selectedIndex = 0
    /// First visible row.
    public private(set) var offset = 0

    public init() {}

    /// Re-locates the selection after the table changed and keeps it on screen.
    public mutating func sync(_ table: WorkloadTable, height: Int) {
        let count = table.order.count
        guard count > 0 else {
            selectedID = nil
            selectedIndex = 0
            offset = 0
            return
        }
        if let id = selectedID, let index = table.index(of: id) {
            selectedIndex = index
        } else {
            selectedIndex = min(max(selectedIndex, 0), count - 1)
            selectedID = table.order[selectedIndex]
        }
        clampOffset(count: count, height: height)
    }

    /// Moves the selection by `delta` rows (negative is up), clamped to the table.
    public mutating func move(by delta: Int, in table: WorkloadTable, height: Int) {
        sync(table, height: height)
        select(index: selectedIndex + delta, in: table, height: height)
    }

    /// Selects the row at `index`, clamped to the table.
    public mutating func select(index: Int, in table: WorkloadTable, height: Int) {
        let count = table.order.count
        guard count > 0 else { return }
        selectedIndex = min(max(index, 0), count - 1)
        selectedID = table.order[selectedIndex]
        clampOffset(count: count, height: height)
    }

    private mutating func clampOffset(count: Int, height: Int) {
        let visible = max(height, 1)
        if selectedIndex < offset { offset = selectedIndex }
        if selectedIndex >= offset + visible { offset = selectedIndex - visible + 1 }
        offset = min(max(offset, 0), max(count - visible, 0))
    }
}
