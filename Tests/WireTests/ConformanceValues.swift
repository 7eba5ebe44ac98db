import Wire

/// The Swift values that the texts in `ConformanceCase.all` describe, field for field. Kept free
/// of the test framework so `Fuzz/make-corpus.sh` can compile it into the corpus seeds too.
enum ConformanceValues {
    static var coreInfo: CoreInfo {
        var info = CoreInfo()
        info.version = "v23.10.11"
        info.revision = "ff909eef"
        info.buildAt = "2024-10-16"
        info.golangVersion = "go1.21.5"
        info.osArch = "linux/amd64"
        info.identifier = "5d41402a"
        return info
    }

    static var listOptions: ListWorkloadsOptions {
        var options = ListWorkloadsOptions()
        options.appname = "web"
        options.nodename = "node-1"
        options.labels = ["tier": "", "env": "prod"]
        options.limit = -5
        return options
    }

    static var streamOptions: WorkloadStatusStreamOptions {
        var options = WorkloadStatusStreamOptions()
        options.appname = "web"
        options.entrypoint = "api"
        options.labels = ["team": "ops"]
        return options
    }

    static var status: WorkloadStatus {
        var status = WorkloadStatus()
        status.id = "c0ffee"
        status.running = true
        status.healthy = true
        status.networks = ["calico": "10.0.0.7"]
        status.extension = [0xFF, 0xFE] + Array(#"{"a":1}"#.utf8) + [0]
        status.ttl = -1
        status.appname = "web"
        status.nodename = "nœud"
        status.entrypoint = "api"
        return status
    }

    static var streamMessageWithEmptyStatus: WorkloadStatusStreamMessage {
        var workload = Workload()
        workload.id = "abc"
        workload.privileged = true
        workload.status = WorkloadStatus()
        workload.createTime = 1_700_000_000
        workload.env = ["A=1", ""]
        var message = WorkloadStatusStreamMessage()
        message.id = "abc"
        message.workload = workload
        message.status = WorkloadStatus()
        return message
    }

    static var streamError: WorkloadStatusStreamMessage {
        var message = WorkloadStatusStreamMessage()
        message.id = "gone"
        message.error = "workload ID is empty"
        message.delete = true
        return message
    }

    static var workloadID: WorkloadID {
        var id = WorkloadID()
        id.id = "abc"
        return id
    }

    static var workloadIDs: WorkloadIDs {
        var ids = WorkloadIDs()
        ids.ids = ["a", "", "b"]
        return ids
    }

    static var workloadsStatus: WorkloadsStatus {
        var first = WorkloadStatus()
        first.id = "a"
        first.running = true
        var list = WorkloadsStatus()
        list.status = [first, WorkloadStatus()]
        return list
    }

    static var deployOptions: DeployOptions {
        var log = LogOptions()
        log.type = "json-file"
        log.config = ["max-size": "10m"]
        var health = HealthCheckOptions()
        health.tcpPorts = ["80"]
        health.httpPort = "8080"
        health.url = "/healthz"
        health.code = -1
        var hook = HookOptions()
        hook.afterStart = ["echo up"]
        hook.beforeStop = ["echo down"]
        hook.force = true
        var entrypoint = EntrypointOptions()
        entrypoint.name = "api"
        entrypoint.command = "run"
        entrypoint.privileged = true
        entrypoint.dir = "/srv"
        entrypoint.log = log
        entrypoint.publish = ["80"]
        entrypoint.healthcheck = health
        entrypoint.hook = hook
        entrypoint.restart = "always"
        entrypoint.sysctls = ["net.core.somaxconn": "1024"]
        entrypoint.commands = ["run"]
        var filter = NodeFilter()
        filter.includes = ["n1"]
        filter.excludes = ["n2"]
        filter.labels = ["gpu": "yes"]
        filter.all = true

        var options = DeployOptions()
        options.name = "web"
        options.entrypoint = entrypoint
        options.podname = "pod"
        options.nodenames = ["node-1"]
        options.image = "web:1"
        options.extraArgs = "-v"
        options.count = 3
        options.env = ["A=1"]
        options.dns = ["1.1.1.1"]
        options.extraHosts = ["db:10.0.0.2"]
        options.networks = ["calico": ""]
        options.user = "root"
        options.debug = true
        options.openStdin = true
        options.labels = ["team": "ops"]
        options.nodelabels = ["zone": "a"]
        options.deployStrategy = DeployStrategy.global.rawValue
        options.data = ["/etc/app.bin": [1, 0xFF]]
        options.nodesLimit = 2
        options.ignoreHook = true
        options.afterCreate = ["touch /ready"]
        options.rawArgs = [0x80] + Array("raw".utf8)
        options.nodeFilter = filter
        options.resources = ["cpumem": Array(#"{"cpu":1}"#.utf8)]
        options.ignorePull = true
        return options
    }

    static var deployUnknownStrategy: DeployOptions {
        var options = DeployOptions()
        options.count = -1
        options.deployStrategy = 7
        options.nodeFilter = NodeFilter()
        return options
    }

    static var createMessage: CreateWorkloadMessage {
        var message = CreateWorkloadMessage()
        message.podname = "pod"
        message.nodename = "node-1"
        message.id = "abc"
        message.name = "web_api_qwerty"
        message.error = "boom"
        message.success = true
        message.publish = ["calico": "10.0.0.7:80"]
        message.hook = [0xFF] + Array("hook".utf8)
        message.resources = "{}"
        return message
    }

    static var removeOptions: RemoveWorkloadOptions {
        var options = RemoveWorkloadOptions()
        options.ids = ["a", "b"]
        options.force = true
        return options
    }

    static var removeMessage: RemoveWorkloadMessage {
        var message = RemoveWorkloadMessage()
        message.id = "a"
        message.success = true
        message.hook = "stopped"
        return message
    }
}
