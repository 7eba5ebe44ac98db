import Foundation

/// What one reconcile pass decided, set by set. Codable so each decision can be logged as JSON.
public struct Plan: Sendable, Equatable, Codable {
    /// Why nothing at all may be done now (state not fresh), or nil.
    public var refusal: String?
    public var sets: [SetPlan]

    public init(refusal: String? = nil, sets: [SetPlan]) {
        self.refusal = refusal
        self.sets = sets
    }

    /// True when the plan asks for no RPC.
    public var hasNoActions: Bool { sets.allSatisfy { $0.create == nil && $0.removals.isEmpty } }
}

/// The decision for one set.
public struct SetPlan: Sendable, Equatable, Codable {
    /// `ReplicaSetSpec.key`.
    public var set: String
    public var summary: SetSummary
    public var create: CreateAction?
    public var removals: [Removal]
    /// Why this set gets no action although it is off target (backing off), or nil.
    public var refusal: String?

    public init(
        set: String, summary: SetSummary, create: CreateAction? = nil, removals: [Removal] = [],
        refusal: String? = nil
    ) {
        self.set = set
        self.summary = summary
        self.create = create
        self.removals = removals
        self.refusal = refusal
    }
}

/// Create `count` instances in `podname` from `image`.
public struct CreateAction: Sendable, Equatable, Codable {
    public var count: Int
    public var podname: String
    public var image: String

    public init(count: Int, podname: String, image: String) {
        self.count = count
        self.podname = podname
        self.image = image
    }
}

/// Remove one alive instance that is beyond the desired count.
public struct Removal: Sendable, Equatable, Codable {
    public var id: String
    public var shortID: String
    public var nodename: String
    public var reason: RemovalReason

    public init(id: String, shortID: String, nodename: String, reason: RemovalReason) {
        self.id = id
        self.shortID = shortID
        self.nodename = nodename
        self.reason = reason
    }
}

/// Which rule picked an instance for removal (the first rule that told it apart).
public enum RemovalReason: String, Sendable, Equatable, Codable {
    /// Still starting, while ready instances exist or are also surplus.
    case starting
    /// Its node holds more instances of the set than others.
    case crowdedNode
    /// The newest of otherwise equal instances.
    case newest
}

/// A set's counts for a dashboard summary line.
public struct SetSummary: Sendable, Equatable, Codable {
    public var desired: Int
    public var ready = 0
    public var starting = 0
    public var unhealthy = 0
    public var stopped = 0
    public var unknown = 0
    public var inFlightCreates = 0
    public var inFlightRemoves = 0
    public var backoff = Backoff()

    public init(desired: Int) {
        self.desired = desired
    }

    public var alive: Int { ready + starting }

    /// Alive as it will be once everything in flight lands.
    public var expectedAlive: Int { alive + inFlightCreates - inFlightRemoves }

    mutating func count(_ instanceClass: InstanceClass) {
        switch instanceClass {
        case .ready: ready += 1
        case .starting: starting += 1
        case .unhealthy: unhealthy += 1
        case .stopped: stopped += 1
        case .unknown: unknown += 1
        }
    }
}

extension Plan {
    /// Whether every action of this plan was also in `preview`: no set creates more, or from
    /// another pod or image, and no instance is removed that `preview` did not name. Doing
    /// such a plan never does anything the operator did not see.
    public func isWithin(_ preview: Plan) -> Bool {
        guard refusal == nil, preview.refusal == nil else { return false }
        return sets.allSatisfy { set in
            let seen = preview.sets.first { $0.set == set.set }
            if let create = set.create {
                guard let allowed = seen?.create, create.count <= allowed.count,
                    create.podname == allowed.podname, create.image == allowed.image
                else { return false }
            }
            let allowedRemovals = Set(seen?.removals.map(\.id) ?? [])
            return set.removals.allSatisfy { allowedRemovals.contains($0.id) }
        }
    }
}
