import GRPCCore
import Wire

extension SimServer {
    /// Registers every served method on the gRPC server.
    func registerHandlers() {
        unary(CoreMethod.info) { (_: Empty, core) async throws(SimError) in try await core.info() }
        unary(CoreMethod.getWorkloadsStatus) { (request: WorkloadIDs, core) async throws(SimError) in
            try await core.getWorkloadsStatus(request)
        }
        streaming(CoreMethod.listWorkloads) { (request: ListWorkloadsOptions, core) async throws(SimError) in
            try await core.listWorkloads(request)
        }
        streaming(CoreMethod.createWorkload) { (request: DeployOptions, core) async throws(SimError) in
            try await core.createWorkload(request)
        }
        streaming(CoreMethod.removeWorkload) { (request: RemoveWorkloadOptions, core) async throws(SimError) in
            try await core.removeWorkload(request)
        }
        registerStatusStream()
        server.registerUnary(Self.controlMethod) { [core] _, request in
            Array(await core.execute(String(decoding: request, as: UTF8.self)).utf8)
        }
    }

    /// A unary method: check auth, decode, call the core, encode.
    private func unary<Request: WireMessage, Reply: WireMessage>(
        _ method: String, _ call: @escaping @Sendable (Request, SimCore) async throws(SimError) -> Reply
    ) {
        server.registerUnary(method) { [core, credentials] context, bytes in
            try credentials?.check(context.metadata)
            let request = try Self.decode(Request.self, bytes)
            do throws(SimError) {
                return try await call(request, core).wireBytes()
            } catch {
                throw Self.status(error)
            }
        }
    }

    /// A finite server-streaming method: the core computes every reply, then each is sent as
    /// one message.
    private func streaming<Request: WireMessage, Reply: WireMessage>(
        _ method: String, _ call: @escaping @Sendable (Request, SimCore) async throws(SimError) -> [Reply]
    ) {
        server.registerServerStreaming(method) { [core, credentials] context, bytes, writer in
            try credentials?.check(context.metadata)
            let request = try Self.decode(Request.self, bytes)
            let replies: [Reply]
            do throws(SimError) {
                replies = try await call(request, core)
            } catch {
                throw Self.status(error)
            }
            for reply in replies {
                try await writer.send(reply.wireBytes())
            }
        }
    }

    /// `/pb.CoreRPC/WorkloadStatusStream`: forwards the subscription until the core ends it
    /// (OK or an error), the client goes away, or the handler is cancelled.
    private func registerStatusStream() {
        server.registerServerStreaming(CoreMethod.workloadStatusStream) { [core, credentials] context, bytes, writer in
            try credentials?.check(context.metadata)
            let options = try Self.decode(WorkloadStatusStreamOptions.self, bytes)
            let subscription: StatusSubscription
            do throws(SimError) {
                subscription = try await core.subscribe(options)
            } catch {
                throw Self.status(error)
            }
            do {
                for await event in subscription.events {
                    switch event {
                    case .message(let message):
                        try await writer.send(message.wireBytes())
                    case .end(nil):
                        return
                    case .end(let error?):
                        throw Self.status(error)
                    }
                }
                await core.unsubscribe(subscription.id)
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
