import GRPCCore

extension SimServer {
    /// Pause before the server goes down, so that the `outage` reply reaches the client.
    static let outageReplyGrace = Duration.milliseconds(100)
    /// Attempts (100 ms apart) to bind the port again after an outage.
    static let rebindAttempts = 50

    /// Carries out the outage the core has planned, unless one is under way: the server shuts
    /// down (calls are cancelled, new connections refused), the plan's changes apply, and after
    /// its duration a new server listens on the same port.
    func startPendingOutage() {
        listener.withLock { state in
            guard state.outage == nil else { return }
            state.outage = Task { [self] in
                await runOutages()
                listener.withLock { $0.outage = nil }
            }
        }
    }

    private func runOutages() async {
        try? await Task.sleep(for: Self.outageReplyGrace)
        while !Task.isCancelled, let plan = await core.takePendingOutage() {
            await listener.withLock { $0.server.take() }?.shutdown(gracePeriod: .zero)
            await core.beginOutage(plan)
            try? await Task.sleep(for: plan.duration)
            guard !Task.isCancelled else { return }
            guard let server = await rebind() else { return await core.endOutage() }
            registerHandlers(on: server)
            server.start()
            listener.withLock { $0.server = server }
            await core.endOutage()
        }
    }

    /// A new server on the old port, retrying while the port is still held.
    private func rebind() async -> Server? {
        for _ in 0..<Self.rebindAttempts where !Task.isCancelled {
            if let server = try? Server(host: host, port: port) { return server }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }
}
