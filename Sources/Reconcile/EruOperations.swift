import Wire

/// The three core calls reconciling needs, so the executor can run against a fake in tests.
public protocol EruOperations: Sendable {
    /// `CreateWorkload`: every streamed message, once the stream ended OK.
    func create(_ options: DeployOptions) async throws -> [CreateWorkloadMessage]
    /// `RemoveWorkload`: every streamed message; fails as a whole on any unknown ID.
    func remove(ids: [String]) async throws -> [RemoveWorkloadMessage]
    /// `GetWorkloadsStatus`: one status per ID in order; fails as a whole on the first unknown ID.
    func statuses(ids: [String]) async throws -> [WorkloadStatus]
}
