import Curses
import Dashboard
import Foundation
import Reconcile
import Render
import Wire

/// Everything the dashboard shows, and what each key does to it. Pure: no terminal, no
/// network; the loop feeds it events and keys and draws `frame(...)`.
///
/// Public (with `init`, `apply`, `handle`, `frame` and `merger`) so `erutop-bench` can drive
/// the dashboard's own state in-process; everything else stays internal.
public struct DashboardState {
    enum Mode: Equatable {
        case table
        case detail(id: String, offset: Int)
        case help(offset: Int)
    }

    /// What the loop must do after a key.
    public enum Effect: Equatable {
        case none
        case redraw
        case quit
        /// The server-side filters changed: cancel the stream and subscribe again.
        case resubscribe(Filters)
        /// Plan a reconcile pass for the sets in view; the plan comes back as an update.
        case planReconcile
        /// The operator confirmed this plan.
        case executeReconcile(Plan)
    }

    /// What the reconcile machinery reports back to the screen.
    enum ReconcileUpdate: Sendable {
        case planned(Plan)
        case event(ReconcileEvent)
        case finished(ConfirmedPass)
    }

    /// Which filter a prompt edits.
    enum PromptKind: String {
        case app, entrypoint, node, labels, search

        var label: String {
            switch self {
            case .app: "app"
            case .entrypoint: "entrypoint"
            case .node: "node"
            case .labels: "labels (k=v,k2=v2)"
            case .search: "search"
            }
        }
    }

    struct PromptEdit: Equatable {
        var kind: PromptKind
        var text: [Character]
        var cursor: Int
    }

    let address: String
    public internal(set) var merger: FeedMerger
    var view = TableViewState()
    var mode = Mode.table
    var prompt: PromptEdit?
    var flash: String?
    var connection = ConnectionState.connecting
    /// Visible table rows at the current terminal size.
    var bodyHeight = 1
    /// The reconcile dialog, while one is open (or running hidden).
    var reconcile: ReconcileDialog?
    /// One summary line per replica set in view, kept up to date by the loop.
    var replicaLines: [ReplicaSetLine] = []
    /// `--read-only`: the `r` key only explains that it is off.
    var readOnly = false
    /// Whether `--replicas` gave any set.
    var hasReplicaSets = false
    /// The last version seen of the row the detail view shows, kept if the row goes away.
    private var detailSnapshot: WorkloadRow?
    /// A new order to build off the UI thread, until the loop takes it (`takeOrderJob`).
    private var orderJob: OrderJob?

    public init(address: String, filters: Filters) {
        self.address = address
        merger = FeedMerger(table: WorkloadTable(filters: filters))
    }

    /// The filters of the rows on screen.
    var filters: Filters { merger.table.filters }

    /// The filters the operator asked for last (a new search may still be being applied).
    private var requestedFilters: Filters { merger.requestedFilters }

    /// Since when the rows are stale (the stream dropped), or nil while they are current.
    var staleSince: Date? { merger.staleSince }

    static let helpLines: [(key: String, action: String)] = [
        ("j / k, ↓ / ↑", "move the selection"),
        ("PgDn / PgUp", "move a page"),
        ("g / Home", "first row"),
        ("G / End", "last row"),
        ("Enter", "details of the selected workload"),
        ("Esc", "leave details, help or a prompt"),
        ("a", "filter by app"),
        ("e", "filter by entrypoint"),
        ("n", "filter by node"),
        ("l", "filter by labels (k=v,k2=v2)"),
        ("/", "search the visible columns"),
        ("c", "clear all filters"),
        ("s", "sort by the next column"),
        ("r", "reconcile the replica sets in view (preview, then y)"),
        ("S", "reverse the sort"),
        ("Ctrl-L", "redraw the screen"),
        ("?", "this help"),
        ("q", "quit"),
    ]

    // MARK: Feed events

    /// Applies feed events; returns whether the screen may have changed.
    public mutating func apply(_ events: [FeedEvent]) -> Bool {
        var changed = false
        for event in events {
            changed = merger.apply(event) || changed
            if case .connection(let state) = event {
                // A listing that lost the race with its stream's end was not merged; its
                // `live` would contradict the stale rows, so it is not shown.
                if state == .live, !merger.isFresh { continue }
                connection = state
                changed = true
            }
        }
        if changed { view.sync(merger.table, height: bodyHeight) }
        return changed
    }

    // MARK: Keys

    public mutating func handle(_ key: Key) -> Effect {
        if prompt != nil { return handlePrompt(key) }
        if var dialog = reconcile, !dialog.hidden {
            if key == .resize { return .redraw }
            let outcome = dialog.handle(key)
            reconcile = dialog
            switch outcome {
            case .none: return .redraw
            case .close:
                reconcile = nil
                return .redraw
            case .execute(let plan): return .executeReconcile(plan)
            }
        }
        if key == .resize { return .redraw }
        switch mode {
        case .table: return handleTable(key)
        case .detail(let id, let offset):
            return scroll(key, offset: offset) { .detail(id: id, offset: $0) }
        case .help(let offset):
            if key == .character("?") {
                mode = .table
                return .redraw
            }
            return scroll(key, offset: offset) { .help(offset: $0) }
        }
    }

    private mutating func handleTable(_ key: Key) -> Effect {
        let table = merger.table
        flash = nil
        switch key {
        case .character("q"): return .quit
        case .character("j"), .down: view.move(by: 1, in: table, height: bodyHeight)
        case .character("k"), .up: view.move(by: -1, in: table, height: bodyHeight)
        case .pageDown, .character(" "): view.move(by: bodyHeight, in: table, height: bodyHeight)
        case .pageUp: view.move(by: -bodyHeight, in: table, height: bodyHeight)
        case .character("g"), .home: view.select(index: 0, in: table, height: bodyHeight)
        case .character("G"), .end: view.select(index: table.order.count - 1, in: table, height: bodyHeight)
        case .enter:
            guard let id = view.selectedID, let row = table.rows[id] else { return .none }
            detailSnapshot = row
            mode = .detail(id: id, offset: 0)
        case .character("?"): mode = .help(offset: 0)
        case .character("a"): startPrompt(.app, requestedFilters.appname)
        case .character("e"): startPrompt(.entrypoint, requestedFilters.entrypoint)
        case .character("n"): startPrompt(.node, requestedFilters.nodename)
        case .character("l"): startPrompt(.labels, requestedFilters.labelsText)
        case .character("/"): startPrompt(.search, requestedFilters.search)
        case .character("c"):
            guard !requestedFilters.isEmpty else { return .none }
            return changeFilters(Filters())
        case .character("s"): setSort(merger.requestedSort.nextColumn())
        case .character("S"):
            let sort = merger.requestedSort
            setSort(TableSort(column: sort.column, ascending: !sort.ascending))
        case .character("r"): return startReconcile()
        case .character("\u{0C}"): return .redraw
        default: return .none
        }
        return .redraw
    }

    private mutating func startReconcile() -> Effect {
        if readOnly {
            flash = "read-only: reconcile is off (erutop was started with --read-only)"
            return .redraw
        }
        guard hasReplicaSets else {
            flash = "no replica sets: start erutop with --replicas FILE"
            return .redraw
        }
        if var running = reconcile {
            running.hidden = false
            reconcile = running
            return .redraw
        }
        reconcile = ReconcileDialog(stage: .planning)
        return .planReconcile
    }

    /// Applies what the reconcile machinery reported.
    mutating func apply(_ update: ReconcileUpdate) {
        guard var dialog = reconcile else { return }
        switch update {
        case .planned(let plan):
            guard dialog.stage == .planning else { return }
            dialog.stage = .preview(plan, note: nil)
        case .event(let event): dialog.record(event)
        case .finished(let pass): dialog.finish(pass)
        }
        reconcile = dialog
    }

    private mutating func setSort(_ sort: TableSort) {
        reorder(sort: sort, filters: requestedFilters)
        // While the order is built, the status line says so (`reorderingText`).
        flash = merger.isReordering ? nil : "sorted by \(sort.description)"
    }

    /// Asks for a new order: at once on a small table, else through a job for the loop to run
    /// off the UI thread while the previous order stays on screen.
    private mutating func reorder(sort: TableSort, filters: Filters) {
        orderJob = merger.reorder(sort: sort, filters: filters)
        view.sync(merger.table, height: bodyHeight)
    }

    /// The order job to run off the UI thread, if a key asked for one since the last call.
    public mutating func takeOrderJob() -> OrderJob? {
        defer { orderJob = nil }
        return orderJob
    }

    /// Takes an order built off the UI thread; the selection stays on its workload. Returns
    /// whether the screen changed, and what the loop hands back to the worker to free. A
    /// result that came too late is dropped; one whose rows a listing replaced meanwhile
    /// leaves a new job to take.
    public mutating func finishOrder(_ built: BuiltOrder) -> (changed: Bool, leftovers: OrderLeftovers) {
        let finish = merger.finish(built)
        switch finish.outcome {
        case .superseded:
            return (false, finish.leftovers)
        case .restart(let job):
            orderJob = job
            return (false, finish.leftovers)
        case .applied:
            view.sync(merger.table, height: bodyHeight)
            return (true, finish.leftovers)
        }
    }

    /// What the status line says while a new order is built.
    var reorderingText: String? {
        guard merger.isReordering else { return nil }
        let search = requestedFilters.search
        if search != filters.search {
            return search.isEmpty ? "clearing the search…" : "searching \"\(search)\"…"
        }
        return "sorting by \(merger.requestedSort.description)…"
    }

    /// Keys of the detail and help views: scroll (`page` rebuilds the mode at a new offset), or
    /// leave with Esc / q / Enter.
    private mutating func scroll(_ key: Key, offset: Int, page: (Int) -> Mode) -> Effect {
        let next: Int
        switch key {
        case .escape, .character("q"), .enter:
            mode = .table
            detailSnapshot = nil
            return .redraw
        case .character("j"), .down: next = offset + 1
        case .character("k"), .up: next = max(offset - 1, 0)
        case .pageDown, .character(" "): next = offset + bodyHeight
        case .pageUp: next = max(offset - bodyHeight, 0)
        case .character("g"), .home: next = 0
        default: return .none
        }
        mode = page(next)
        return .redraw
    }

    private mutating func startPrompt(_ kind: PromptKind, _ current: String) {
        prompt = PromptEdit(kind: kind, text: Array(current), cursor: current.count)
    }

    /// A prompt owns every key until Enter or Esc: letters edit the text and trigger nothing.
    private mutating func handlePrompt(_ key: Key) -> Effect {
        guard var edit = prompt else { return .none }
        switch key {
        case .escape:
            prompt = nil
            return .redraw
        case .enter:
            prompt = nil
            return submit(edit.kind, String(edit.text).trimmingCharacters(in: .whitespaces))
        case .backspace:
            if edit.cursor > 0 {
                edit.text.remove(at: edit.cursor - 1)
                edit.cursor -= 1
            }
        case .deleteForward:
            if edit.cursor < edit.text.count { edit.text.remove(at: edit.cursor) }
        case .left: edit.cursor = max(edit.cursor - 1, 0)
        case .right: edit.cursor = min(edit.cursor + 1, edit.text.count)
        case .home: edit.cursor = 0
        case .end: edit.cursor = edit.text.count
        case .character(let character):
            // Control characters (Ctrl-U clears) never enter the text.
            if character == "\u{15}" {
                edit.text.removeAll()
                edit.cursor = 0
            } else if !character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                edit.text.insert(character, at: edit.cursor)
                edit.cursor += 1
            }
        default: return .none
        }
        prompt = edit
        return .redraw
    }

    private mutating func submit(_ kind: PromptKind, _ text: String) -> Effect {
        var next = requestedFilters
        switch kind {
        case .app: next.appname = text
        case .entrypoint: next.entrypoint = text
        case .node: next.nodename = text
        case .search: next.search = text
        case .labels:
            do {
                next.labels = try Filters.parseLabels(text)
            } catch {
                flash = "\(error)"
                return .redraw
            }
        }
        return changeFilters(next)
    }

    /// Applies new filters; only a change of the server-side ones needs a new subscription.
    private mutating func changeFilters(_ next: Filters) -> Effect {
        var serverSide = next
        serverSide.search = requestedFilters.search
        let resubscribe = serverSide != requestedFilters
        reorder(sort: merger.requestedSort, filters: next)
        return resubscribe ? .resubscribe(next) : .redraw
    }

    // MARK: Frame

    /// The frame for a screen of `rows` lines: only the visible slice of the table is copied.
    public mutating func frame(rows screenRows: Int, now: Date) -> DashboardFrame {
        bodyHeight = max(Renderer.tableBodyHeight(screenRows: screenRows, replicaSets: replicaLines.count), 1)
        let table = merger.table
        view.sync(table, height: bodyHeight)
        let visible = table.rows(in: view.offset..<(view.offset + bodyHeight))
        let screen: Screen
        switch mode {
        case .table: screen = .table
        case .help(let offset): screen = .help(offset: offset)
        case .detail(let id, let offset):
            if let row = table.rows[id] { detailSnapshot = row }
            screen = detailSnapshot.map { .detail($0, offset: offset) } ?? .table
        }
        var frame = DashboardFrame(
            address: address, connection: connection, filters: filters, counts: table.counts,
            rows: visible, sortDescription: table.sort.description,
            selectedIndex: table.order.isEmpty ? nil : view.selectedIndex - view.offset,
            scrollOffset: 0, screen: screen,
            prompt: prompt.map { Prompt(label: $0.kind.label, text: String($0.text), cursor: $0.cursor) },
            flash: flash ?? reorderingText, helpLines: Self.helpLines, now: now, replicaSets: replicaLines,
            dialog: reconcile.flatMap { $0.hidden ? nil : $0.dialog }, staleSince: staleSince,
            readOnly: readOnly
        )
        frame.rowsBefore = view.offset
        frame.totalRows = table.order.count
        return frame
    }
}
