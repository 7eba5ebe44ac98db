import GRPCCore
import Wire

extension SimServer {
    /// Registers every served method on `server`. Core methods wait while the core is frozen;
    /// the control method never does.
    func registerHandlers(on server: Server) {
        unary(CoreMethod.info, on: server) { (_: Empty, core) async throws(SimError) in try await core.info() }
        unary(CoreMethod.getWorkloadsStatus, on: server) { (request: WorkloadIDs, core) async throws(SimError) in
            try await core.getWorkloadsStatus(request)
        }
        streaming(CoreMethod.listWorkloads, on: server) { (request: ListWorkloadsOptions, core) async throws(SimError) in
            try await core.listWorkloads(request)
        }
        streaming(CoreMethod.createWorkload, on: server) { (request: DeployOptions, core) async throws(SimError) in
            try await core.createWorkload(request).map { $0.wireBytes() }
        }
        streaming(CoreMethod.removeWorkload, on: server) { (request: RemoveWorkloadOptions, core) async throws(SimError) in
            try await core.removeWorkload(request).map { $0.wireBytes() }
        }
        registerStatusStream(on: server)
        server.registerUnary(Self.controlMethod) { [weak self, core] _, request in
            let reply = await core.execute(String(decoding: request, as: UTF8.self))
            self?.startPendingOutage()
            return Array(reply.utf8)
        }
    }

    /// A unary method: check auth, decode, call the core, encode.
    private func unary<Request: WireMessage, Reply: WireMessage>(
        _ method: String, on server: Server,
        _ call: @escaping @Sendable (Request, SimCore) async throws(SimError) -> Reply
    ) {
        server.registerUnary(method) { [core, credentials] context, bytes in
            try credentials?.check(context.metadata)
            let request = try Self.decode(Request.self, bytes)
            await core.freezeGate.wait()
            do throws(SimError) {
                return try await call(request, core).wireBytes()
            } catch {
                throw Self.status(error)
            }
        }
    }

    /// A finite server-streaming method: the core computes every reply, encoded, then each is
    /// sent as one message.
    private func streaming<Request: WireMessage>(
        _ method: String, on server: Server,
        _ call: @escaping @Sendable (Request, SimCore) async throws(SimError) -> [[UInt8]]
    ) {
        server.registerServerStreaming(method) { [core, credentials] context, bytes, writer in
            try credentials?.check(context.metadata)
            let request = try Self.decode(Request.self, bytes)
            await core.freezeGate.wait()
            let replies: [[UInt8]]
            do throws(SimError) {
                replies = try await call(request, core)
            } catch {
                throw Self.status(error)
            }
            for reply in replies {
                try await writer.send(reply)
            }
        }
    }

    /// `/pb.CoreRPC/WorkloadStatusStream`: forwards the subscription until the core ends it
    /// (OK or an error), the client goes away, or the handler is cancelled.
    private func registerStatusStream(on server: Server) {
        server.registerServerStreaming(CoreMethod.workloadStatusStream) { [core, credentials] context, bytes, writer in
            try credentials?.check(context.metadata)
            let options = try Self.decode(WorkloadStatusStreamOptions.self, bytes)
            await core.freezeGate.wait()
            let subscription: StatusSubscription
            do throws(SimError) {
                subscription = try await core.subscribe(options)
            } catch {
                throw Self.status(error)
            }
            do {
                for await event in subscription.events {
                    await core.freezeGate.wait()
                    switch event {
                    case .message(let message):
                        try await writer.send(message.wireBytes())
                        subscription.counter.countSent()
                    case .encoded(let bytes):
                        try await writer.send(bytes)
                        subscription.counter.countSent()
                    case .end(nil):
                        return
                    case .end(let error?):
                        throw Self.status(error)
                    }
                }
                // Only cancellation (client gone, server going down) ends the events without `.end`;
                // never report that as a clean end.
                await core.unsubscribe(subscription.id)
                throw GRPCStatus(.unavailable, "erusim: the server is going away")
            } catch {
                await core.unsubscribe(subscription.id)
                throw error
            }
        }
    }

    /// Decodes a request, failing like grpc-go does on a malformed one.
    private static func decode<Request: WireMessage>(_ type: Request.Type, _ bytes: [UInt8]) throws(GRPCStatus)
        -> Request
    {
        do {
            return try Request(wire: bytes)
        } catch {
            throw GRPCStatus(.internalError, "grpc: error unmarshalling request: \(error)")
        }
    }

    /// The gRPC status for a core failure: Eru's numeric code and text, as-is.
    private static func status(_ error: SimError) -> GRPCStatus {
        GRPCStatus(StatusCode(rawValue: error.code), error.message)
    }
}
