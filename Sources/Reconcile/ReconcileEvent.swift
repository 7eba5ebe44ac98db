import Foundation

/// The outcome of one batch (one RPC) of a pass.
public struct ActionResult: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case create, remove
    }

    public var set: String
    public var kind: Kind
    /// Instances asked for in this batch (create) or chosen for removal (remove).
    public var requested: Int
    /// IDs created, or removed.
    public var ids: [String]
    /// Remove only: chosen IDs that were already gone at the re-check, so not requested.
    public var alreadyGone: [String]
    /// The failure, or nil when the whole batch succeeded.
    public var error: String?
    public var at: Date

    public init(
        set: String, kind: Kind, requested: Int, ids: [String] = [], alreadyGone: [String] = [],
        error: String? = nil, at: Date
    ) {
        self.set = set
        self.kind = kind
        self.requested = requested
        self.ids = ids
        self.alreadyGone = alreadyGone
        self.error = error
        self.at = at
    }
}

/// What the executor reports as it goes, for the log and for one-JSON-line-per-decision output.
public enum ReconcileEvent: Sendable, Equatable, Codable {
    /// A pass started from this plan.
    case planned(plan: Plan, at: Date)
    /// A batch is about to be requested.
    case batchStarted(set: String, kind: ActionResult.Kind, size: Int, at: Date)
    /// A batch finished, well or not.
    case batchFinished(result: ActionResult)
    /// A set's remaining actions were dropped after a failure; it backs off.
    case backingOff(set: String, backoff: Backoff, droppedActions: Int, at: Date)
}
