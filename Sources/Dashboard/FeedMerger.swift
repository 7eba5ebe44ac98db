import Foundation
import Wire

/// Merges the status stream with a full listing, the way eru-api.md §9.1 demands: the stream
/// has no initial snapshot, so a subscription is opened first, then the listing is read, and the
/// messages that arrived meanwhile are applied on top of it. Every subscription has a
/// generation number; events of an older one (a cancelled stream, an outdated listing) are
/// ignored.
public struct FeedMerger: Sendable {
    public enum Phase: Sendable, Equatable {
        /// No subscription yet.
        case idle
        /// Subscribed; the listing has not arrived. Messages are held back.
        case listing
        /// Listing merged; messages apply as they come.
        case live
        /// The stream ended at this time; rows are kept but stale until the next listing.
        case disconnected(since: Date)
    }

    public internal(set) var table: WorkloadTable
    public private(set) var phase: Phase = .idle
    public private(set) var generation = 0
    /// When the rows stopped being current: set when a stream ends, cleared only when a new
    /// listing has replaced them (a reconnect alone does not make them current).
    public private(set) var staleSince: Date?
    /// Messages that arrived while listing, the last one per ID (each message re-reads the
    /// workload's current state, so only the last one matters), in arrival order.
    private var held: [String: (update: StatusUpdate, at: Date)] = [:]
    private var heldOrder: [String] = []
    /// The new order being built elsewhere, and what changed in the table since its snapshot
    /// (`FeedMerger+Order.swift`).
    var pendingOrder: PendingOrder?
    /// The ticket of the last order job handed out.
    var lastTicket = 0

    public init(table: WorkloadTable = WorkloadTable()) {
        self.table = table
    }

    /// True when the table reflects a full re-read done since the last (re)connect and the
    /// stream is still open: the only state it is safe to act on.
    public var isFresh: Bool { phase == .live }

    /// A new subscription numbered `generation` was opened (numbers only grow); the rows stay
    /// on screen until its listing replaces them.
    public mutating func subscribe(generation: Int) {
        self.generation = generation
        phase = .listing
        held = [:]
        heldOrder = []
    }

    /// Changes the filters: the caller opens a new subscription right after.
    /// Any pending `reorder` is dropped: this applies at once.
    public mutating func setFilters(_ filters: Filters) {
        pendingOrder = nil
        table.setFilters(filters)
    }

    /// Any pending `reorder` is dropped: this applies at once.
    public mutating func setSort(_ sort: TableSort) {
        pendingOrder = nil
        table.setSort(sort)
    }

    /// A stream message of subscription `generation`. Returns what it did to the table, or nil
    /// when it was held back or belonged to an older subscription.
    @discardableResult
    public mutating func receive(
        _ update: StatusUpdate, generation: Int, at now: Date
    ) -> ApplyOutcome? {
        guard generation == self.generation else { return nil }
        switch phase {
        case .listing:
            if held[update.id] == nil { heldOrder.append(update.id) }
            held[update.id] = (update, now)
            return nil
        case .live:
            pendingOrder?.noteBefore(update, in: table)
            return table.apply(update, at: now)
        case .idle, .disconnected:
            return nil
        }
    }

    /// The listing of subscription `generation` completed: it replaces the table, then the
    /// held-back messages are applied on top.
    public mutating func listed(_ listing: WorkloadTable, generation: Int, at now: Date) {
        guard generation == self.generation, phase == .listing else { return }
        if let pending = pendingOrder, listing.filters == pending.filters, listing.sort == pending.sort {
            // Built in the order being waited for: the table takes it whole, nothing is pending.
            pendingOrder = nil
            table = listing
        } else {
            table.replaceAll(with: listing)
            pendingOrder?.rowsReplaced = true
        }
        for id in heldOrder {
            if let entry = held[id] { table.apply(entry.update, at: entry.at) }
        }
        held = [:]
        heldOrder = []
        phase = .live
        staleSince = nil
    }

    /// The stream (or the listing) of subscription `generation` ended, whatever the status.
    public mutating func ended(generation: Int, at now: Date) {
        guard generation == self.generation else { return }
        if case .disconnected = phase { return }
        phase = .disconnected(since: now)
        if staleSince == nil { staleSince = now }
        held = [:]
        heldOrder = []
    }
}
