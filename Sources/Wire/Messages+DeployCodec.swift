/// Codecs for the create RPC: `DeployOptions`, its parts, and `CreateWorkloadMessage`
/// (eru-api.md §3). `DeployOptions.modes` (1025) and `owners` (1026) are not modelled, so they
/// are skipped like unknown fields.

extension DeployOptions: WireMessage {
    private enum Field {
        static let name = 1001, entrypoint = 1002, podname = 1003, nodenames = 1004, image = 1005
        static let extraArgs = 1006, count = 1007, env = 1008, dns = 1009, extraHosts = 1010
        static let networks = 1011, user = 1013, debug = 1014, openStdin = 1015, labels = 1016
        static let nodelabels = 1017, deployStrategy = 1018, data = 1019, nodesLimit = 1020
        static let ignoreHook = 1021, afterCreate = 1022, rawArgs = 1023, nodeFilter = 1024
        static let resources = 1027, ignorePull = 1028
    }

    public mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.field {
            case Field.name: name = try reader.readString(tag)
            case Field.entrypoint: try reader.readMessage(tag, into: &entrypoint)
            case Field.podname: podname = try reader.readString(tag)
            case Field.nodenames: nodenames.append(try reader.readString(tag))
            case Field.image: image = try reader.readString(tag)
            case Field.extraArgs: extraArgs = try reader.readString(tag)
            case Field.count: count = try reader.readInt32(tag)
            case Field.env: env.append(try reader.readString(tag))
            case Field.dns: dns.append(try reader.readString(tag))
            case Field.extraHosts: extraHosts.append(try reader.readString(tag))
            case Field.networks: try reader.readMapEntry(tag, into: &networks)
            case Field.user: user = try reader.readString(tag)
            case Field.debug: debug = try reader.readBool(tag)
            case Field.openStdin: openStdin = try reader.readBool(tag)
            case Field.labels: try reader.readMapEntry(tag, into: &labels)
            case Field.nodelabels: try reader.readMapEntry(tag, into: &nodelabels)
            case Field.deployStrategy: deployStrategy = try reader.readInt32(tag)
            case Field.data: try reader.readMapEntry(tag, into: &data)
            case Field.nodesLimit: nodesLimit = try reader.readInt32(tag)
            case Field.ignoreHook: ignoreHook = try reader.readBool(tag)
            case Field.afterCreate: afterCreate.append(try reader.readString(tag))
            case Field.rawArgs: rawArgs = try reader.readBytes(tag)
            case Field.nodeFilter: try reader.readMessage(tag, into: &nodeFilter)
            case Field.resources: try reader.readMapEntry(tag, into: &resources)
            case Field.ignorePull: ignorePull = try reader.readBool(tag)
            default: try reader.skipField(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeImplicit(name, field: Field.name)
        writer.writeOptional(entrypoint, field: Field.entrypoint)
        writer.writeImplicit(podname, field: Field.podname)
        writer.writeStrings(nodenames, field: Field.nodenames)
        writer.writeImplicit(image, field: Field.image)
        writer.writeImplicit(extraArgs, field: Field.extraArgs)
        writer.writeImplicit(count, field: Field.count)
        writer.writeStrings(env, field: Field.env)
        writer.writeStrings(dns, field: Field.dns)
        writer.writeStrings(extraHosts, field: Field.extraHosts)
        writer.writeMap(networks, field: Field.networks)
        writer.writeImplicit(user, field: Field.user)
        writer.writeImplicit(debug, field: Field.debug)
        writer.writeImplicit(openStdin, field: Field.openStdin)
        writer.writeMap(labels, field: Field.labels)
        writer.writeMap(nodelabels, field: Field.nodelabels)
        writer.writeImplicit(deployStrategy, field: Field.deployStrategy)
        writer.writeMap(data, field: Field.data)
        writer.writeImplicit(nodesLimit, field: Field.nodesLimit)
        writer.writeImplicit(ignoreHook, field: Field.ignoreHook)
        writer.writeStrings(afterCreate, field: Field.afterCreate)
        writer.writeImplicit(rawArgs, field: Field.rawArgs)
        writer.writeOptional(nodeFilter, field: Field.nodeFilter)
        writer.writeMap(resources, field: Field.resources)
        writer.writeImplicit(ignorePull, field: Field.ignorePull)
    }
}

extension EntrypointOptions: WireMessage {
    private enum Field {
        static let name = 1001, command = 1002, privileged = 1003, dir = 1004, log = 1005
        static let publish = 1006, healthcheck = 1007, hook = 1008, restart = 1009
        static let sysctls = 1010, commands = 1011
    }

    public mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.field {
            case Field.name: name = try reader.readString(tag)
            case Field.command: command = try reader.readString(tag)
            case Field.privileged: privileged = try reader.readBool(tag)
            case Field.dir: dir = try reader.readString(tag)
            case Field.log: try reader.readMessage(tag, into: &log)
            case Field.publish: publish.append(try reader.readString(tag))
            case Field.healthcheck: try reader.readMessage(tag, into: &healthcheck)
            case Field.hook: try reader.readMessage(tag, into: &hook)
            case Field.restart: restart = try reader.readString(tag)
            case Field.sysctls: try reader.readMapEntry(tag, into: &sysctls)
            case Field.commands: commands.append(try reader.readString(tag))
            default: try reader.skipField(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeImplicit(name, field: Field.name)
        writer.writeImplicit(command, field: Field.command)
        writer.writeImplicit(privileged, field: Field.privileged)
        writer.writeImplicit(dir, field: Field.dir)
        writer.writeOptional(log, field: Field.log)
        writer.writeStrings(publish, field: Field.publish)
        writer.writeOptional(healthcheck, field: Field.healthcheck)
        writer.writeOptional(hook, field: Field.hook)
        writer.writeImplicit(restart, field: Field.restart)
        writer.writeMap(sysctls, field: Field.sysctls)
        writer.writeStrings(commands, field: Field.commands)
    }
}

extension HealthCheckOptions: WireMessage {
    private enum Field {
        static let tcpPorts = 1001, httpPort = 1002, url = 1003, code = 1004
    }

    public mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.field {
            case Field.tcpPorts: tcpPorts.append(try reader.readString(tag))
            case Field.httpPort: httpPort = try reader.readString(tag)
            case Field.url: url = try reader.readString(tag)
            case Field.code: code = try reader.readInt32(tag)
            default: try reader.skipField(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeStrings(tcpPorts, field: Field.tcpPorts)
        writer.writeImplicit(httpPort, field: Field.httpPort)
        writer.writeImplicit(url, field: Field.url)
        writer.writeImplicit(code, field: Field.code)
    }
}

extension HookOptions: WireMessage {
    private enum Field {
        static let afterStart = 1001, beforeStop = 1002, force = 1003
    }

    public mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.field {
            case Field.afterStart: afterStart.append(try reader.readString(tag))
            case Field.beforeStop: beforeStop.append(try reader.readString(tag))
            case Field.force: force = try reader.readBool(tag)
            default: try reader.skipField(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeStrings(afterStart, field: Field.afterStart)
        writer.writeStrings(beforeStop, field: Field.beforeStop)
        writer.writeImplicit(force, field: Field.force)
    }
}

extension LogOptions: WireMessage {
    private enum Field {
        static let type = 1001, config = 1002
    }

    public mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.field {
            case Field.type: type = try reader.readString(tag)
            case Field.config: try reader.readMapEntry(tag, into: &config)
            default: try reader.skipField(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeImplicit(type, field: Field.type)
        writer.writeMap(config, field: Field.config)
    }
}

extension NodeFilter: WireMessage {
    private enum Field {
        static let includes = 1001, excludes = 1002, labels = 1003, all = 1004
    }

    public mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.field {
            case Field.includes: includes.append(try reader.readString(tag))
            case Field.excludes: excludes.append(try reader.readString(tag))
            case Field.labels: try reader.readMapEntry(tag, into: &labels)
            case Field.all: all = try reader.readBool(tag)
            default: try reader.skipField(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeStrings(includes, field: Field.includes)
        writer.writeStrings(excludes, field: Field.excludes)
        writer.writeMap(labels, field: Field.labels)
        writer.writeImplicit(all, field: Field.all)
    }
}

extension CreateWorkloadMessage: WireMessage {
    private enum Field {
        static let podname = 1001, nodename = 1002, id = 1003, name = 1004, error = 1005
        static let success = 1006, publish = 1007, hook = 1008, resources = 1009
    }

    public mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextTag() {
            switch tag.field {
            case Field.podname: podname = try reader.readString(tag)
            case Field.nodename: nodename = try reader.readString(tag)
            case Field.id: id = try reader.readString(tag)
            case Field.name: name = try reader.readString(tag)
            case Field.error: error = try reader.readString(tag)
            case Field.success: success = try reader.readBool(tag)
            case Field.publish: try reader.readMapEntry(tag, into: &publish)
            case Field.hook: hook = try reader.readBytes(tag)
            case Field.resources: resources = try reader.readString(tag)
            default: try reader.skipField(tag)
            }
        }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeImplicit(podname, field: Field.podname)
        writer.writeImplicit(nodename, field: Field.nodename)
        writer.writeImplicit(id, field: Field.id)
        writer.writeImplicit(name, field: Field.name)
        writer.writeImplicit(error, field: Field.error)
        writer.writeImplicit(success, field: Field.success)
        writer.writeMap(publish, field: Field.publish)
        writer.writeImplicit(hook, field: Field.hook)
        writer.writeImplicit(resources, field: Field.resources)
    }
}
