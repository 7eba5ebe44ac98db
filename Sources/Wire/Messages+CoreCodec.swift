/// Codecs for `Empty`, `CoreInfo`, workload ID lists and the remove RPC (eru-api.md §3).

extension Empty: WireMessage {
    public mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            try reader.skipField(tag)
        }
    }

    public func encode(to writer: inout WireWriter) {}
}

extension CoreInfo: WireMessage {
    private enum Field {
        static let version = 1001, revision = 1002, buildAt = 1003, golangVersion = 1004
        static let osArch = 1005, identifier = 1006
    }

    public mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.field {
            case Field.version: version = try reader.readString(tag)
            case Field.revision: revision = try reader.readString(tag)
            case Field.buildAt: buildAt = try reader.readString(tag)
            case Field.golangVersion: golangVersion = try reader.readString(tag)
            case Field.osArch: osArch = try reader.readString(tag)
            case Field.identifier: identifier = try reader.readString(tag)
            default: try reader.skipField(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeImplicit(version, field: Field.version)
        writer.writeImplicit(revision, field: Field.revision)
        writer.writeImplicit(buildAt, field: Field.buildAt)
        writer.writeImplicit(golangVersion, field: Field.golangVersion)
        writer.writeImplicit(osArch, field: Field.osArch)
        writer.writeImplicit(identifier, field: Field.identifier)
    }
}

extension WorkloadID: WireMessage {
    private enum Field {
        static let id = 1001
    }

    public mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.field {
            case Field.id: id = try reader.readString(tag)
            default: try reader.skipField(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeImplicit(id, field: Field.id)
    }
}

extension WorkloadIDs: WireMessage {
    private enum Field {
        /// `IDs` upstream.
        static let ids = 1001
    }

    public mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.field {
            case Field.ids: ids.append(try reader.readString(tag))
            default: try reader.skipField(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeStrings(ids, field: Field.ids)
    }
}

extension RemoveWorkloadOptions: WireMessage {
    private enum Field {
        /// `IDs` upstream.
        static let ids = 1001, force = 1002
    }

    public mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.field {
            case Field.ids: ids.append(try reader.readString(tag))
            case Field.force: force = try reader.readBool(tag)
            default: try reader.skipField(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeStrings(ids, field: Field.ids)
        writer.writeImplicit(force, field: Field.force)
    }
}

extension RemoveWorkloadMessage: WireMessage {
    private enum Field {
        static let id = 1001, success = 1002, hook = 1003
    }

    public mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.field {
            case Field.id: id = try reader.readString(tag)
            case Field.success: success = try reader.readBool(tag)
            case Field.hook: hook = try reader.readString(tag)
            default: try reader.skipField(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeImplicit(id, field: Field.id)
        writer.writeImplicit(success, field: Field.success)
        writer.writeImplicit(hook, field: Field.hook)
    }
}
