/// Codecs for the workload listing and status-feed messages (field tables: eru-api.md §3).

extension WorkloadStatus: WireMessage {
    private enum Field {
        static let id = 1001, running = 1002, healthy = 1003, networks = 1004, `extension` = 1005
        static let ttl = 1006, appname = 1007, nodename = 1008, entrypoint = 1009
    }

    public mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.field {
            case Field.id: id = try reader.readString(tag)
            case Field.running: running = try reader.readBool(tag)
            case Field.healthy: healthy = try reader.readBool(tag)
            case Field.networks: try reader.readMapEntry(tag, into: &networks)
            case Field.extension: `extension` = try reader.readBytes(tag)
            case Field.ttl: ttl = try reader.readInt64(tag)
            case Field.appname: appname = try reader.readString(tag)
            case Field.nodename: nodename = try reader.readString(tag)
            case Field.entrypoint: entrypoint = try reader.readString(tag)
            default: try reader.skipField(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeImplicit(id, field: Field.id)
        writer.writeImplicit(running, field: Field.running)
        writer.writeImplicit(healthy, field: Field.healthy)
        writer.writeMap(networks, field: Field.networks)
        writer.writeImplicit(`extension`, field: Field.extension)
        writer.writeImplicit(ttl, field: Field.ttl)
        writer.writeImplicit(appname, field: Field.appname)
        writer.writeImplicit(nodename, field: Field.nodename)
        writer.writeImplicit(entrypoint, field: Field.entrypoint)
    }
}

extension Workload: WireMessage {
    private enum Field {
        static let id = 1001, podname = 1002, nodename = 1003, name = 1004, privileged = 1005
        static let labels = 1006, publish = 1007, image = 1008, status = 1009, createTime = 1010
        static let env = 1011, resources = 1012
    }

    public mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.field {
            case Field.id: id = try reader.readString(tag)
            case Field.podname: podname = try reader.readString(tag)
            case Field.nodename: nodename = try reader.readString(tag)
            case Field.name: name = try reader.readString(tag)
            case Field.privileged: privileged = try reader.readBool(tag)
            case Field.labels: try reader.readMapEntry(tag, into: &labels)
            case Field.publish: try reader.readMapEntry(tag, into: &publish)
            case Field.image: image = try reader.readString(tag)
            case Field.status: try reader.readMessage(tag, into: &status)
            case Field.createTime: createTime = try reader.readInt64(tag)
            case Field.env: env.append(try reader.readString(tag))
            case Field.resources: resources = try reader.readString(tag)
            default: try reader.skipField(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeImplicit(id, field: Field.id)
        writer.writeImplicit(podname, field: Field.podname)
        writer.writeImplicit(nodename, field: Field.nodename)
        writer.writeImplicit(name, field: Field.name)
        writer.writeImplicit(privileged, field: Field.privileged)
        writer.writeMap(labels, field: Field.labels)
        writer.writeMap(publish, field: Field.publish)
        writer.writeImplicit(image, field: Field.image)
        writer.writeOptional(status, field: Field.status)
        writer.writeImplicit(createTime, field: Field.createTime)
        writer.writeStrings(env, field: Field.env)
        writer.writeImplicit(resources, field: Field.resources)
    }
}

extension WorkloadStatusStreamMessage: WireMessage {
    private enum Field {
        static let id = 1001, workload = 1002, status = 1003, error = 1004, delete = 1005
    }

    public mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.field {
            case Field.id: id = try reader.readString(tag)
            case Field.workload: try reader.readMessage(tag, into: &workload)
            case Field.status: try reader.readMessage(tag, into: &status)
            case Field.error: error = try reader.readString(tag)
            case Field.delete: delete = try reader.readBool(tag)
            default: try reader.skipField(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeImplicit(id, field: Field.id)
        writer.writeOptional(workload, field: Field.workload)
        writer.writeOptional(status, field: Field.status)
        writer.writeImplicit(error, field: Field.error)
        writer.writeImplicit(delete, field: Field.delete)
    }
}

extension WorkloadsStatus: WireMessage {
    private enum Field {
        static let status = 1001
    }

    public mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.field {
            case Field.status: status.append(try reader.readMessage(tag))
            default: try reader.skipField(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeMessages(status, field: Field.status)
    }
}

extension ListWorkloadsOptions: WireMessage {
    private enum Field {
        static let appname = 1001, entrypoint = 1002, nodename = 1003, labels = 1004, limit = 1005
    }

    public mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.field {
            case Field.appname: appname = try reader.readString(tag)
            case Field.entrypoint: entrypoint = try reader.readString(tag)
            case Field.nodename: nodename = try reader.readString(tag)
            case Field.labels: try reader.readMapEntry(tag, into: &labels)
            case Field.limit: limit = try reader.readInt64(tag)
            default: try reader.skipField(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeImplicit(appname, field: Field.appname)
        writer.writeImplicit(entrypoint, field: Field.entrypoint)
        writer.writeImplicit(nodename, field: Field.nodename)
        writer.writeMap(labels, field: Field.labels)
        writer.writeImplicit(limit, field: Field.limit)
    }
}

extension WorkloadStatusStreamOptions: WireMessage {
    private enum Field {
        static let appname = 1001, entrypoint = 1002, nodename = 1003, labels = 1004
    }

    public mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.field {
            case Field.appname: appname = try reader.readString(tag)
            case Field.entrypoint: entrypoint = try reader.readString(tag)
            case Field.nodename: nodename = try reader.readString(tag)
            case Field.labels: try reader.readMapEntry(tag, into: &labels)
            default: try reader.skipField(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeImplicit(appname, field: Field.appname)
        writer.writeImplicit(entrypoint, field: Field.entrypoint)
        writer.writeImplicit(nodename, field: Field.nodename)
        writer.writeMap(labels, field: Field.labels)
    }
}
