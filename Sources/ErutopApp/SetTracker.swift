import Dashboard
import Foundation
import Reconcile

/// Follows every replica set with a feed of its own (its app, entrypoint and labels as the
/// filter), so reconcile sees each set's instances whatever the dashboard's filters are, and
/// knows per set whether the state is fresh. Owned by one thread: the one that calls `drain`.
final class SetTracker {
    let sets: [ReplicaSetSpec]
    private var mergers: [String: FeedMerger]
    private let feeds: [(key: String, feed: FeedController, inbox: Inbox)]

    init(sets: [ReplicaSetSpec], client: CoreClient, log: EventLog, wake: @escaping @Sendable () -> Void) {
        self.sets = sets
        mergers = [:]
        var feeds: [(String, FeedController, Inbox)] = []
        for set in sets {
            let inbox = Inbox(onPost: wake)
            feeds.append((set.key, FeedController(client: client, inbox: inbox, log: log), inbox))
            mergers[set.key] = FeedMerger(table: WorkloadTable(filters: Self.filters(for: set)))
        }
        self.feeds = feeds
    }

    static func filters(for set: ReplicaSetSpec) -> Filters {
        Filters(appname: set.appname, entrypoint: set.entrypoint, labels: set.labels)
    }

    func start() {
        for (key, feed, _) in feeds {
            guard let set = sets.first(where: { $0.key == key }) else { continue }
            feed.start(filters: Self.filters(for: set))
        }
    }

    func cancel() {
        for entry in feeds { entry.feed.cancel() }
    }

    /// Applies pending feed events; returns whether any set's rows or freshness changed.
    @discardableResult
    func drain() -> Bool {
        var changed = false
        for (key, _, inbox) in feeds {
            for event in inbox.drain() {
                changed = mergers[key]!.apply(event) || changed
            }
        }
        return changed
    }

    /// Every instance of every set.
    var rows: [WorkloadRow] { mergers.values.flatMap { Array($0.table.rows.values) } }

    /// Fresh only when every set's feed is live with a listing done since its last reconnect.
    var freshness: Freshness {
        let all = mergers.values
        return Freshness(
            connected: all.allSatisfy { $0.phase == .live || $0.phase == .listing },
            relistedSinceReconnect: all.allSatisfy(\.isFresh)
        )
    }
}

extension FeedMerger {
    /// Applies one feed event; returns whether the table or the phase changed. Connection
    /// state events are for whoever shows them.
    mutating func apply(_ event: FeedEvent) -> Bool {
        switch event {
        case .subscribed(let generation):
            subscribe(generation: generation)
        case .messages(let generation, let messages, let at):
            var changed = false
            // By index: a for-in loop would copy each message out of the array first.
            for index in messages.indices {
                changed = (receive(messages[index], generation: generation, at: at)?.changedTable ?? false) || changed
            }
            return changed
        case .listed(let generation, let listing, let at):
            listed(listing, generation: generation, at: at)
            // The listing replaced the whole table: what the old one held is free now. Here,
            // so the dashboard and the headless controller both hand it back.
            MemoryRelease.afterLargeRelease()
        case .ended(let generation, _, let at):
            ended(generation: generation, at: at)
        case .connection:
            return false
        }
        return true
    }
}
