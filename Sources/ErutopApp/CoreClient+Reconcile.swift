import Reconcile
import Wire

/// The three calls the reconcile executor makes, over the real core.
extension CoreClient: EruOperations {
    public func create(_ options: DeployOptions) async throws -> [CreateWorkloadMessage] {
        try await createWorkload(options)
    }

    public func remove(ids: [String]) async throws -> [RemoveWorkloadMessage] {
        try await removeWorkload(ids: ids)
    }

    public func statuses(ids: [String]) async throws -> [WorkloadStatus] {
        try await workloadsStatus(ids: ids)
    }
}
