import Wire

/// Messages shared by the round-trip, truncation and unknown-field tests.
enum Samples {
    /// A status-feed event shaped like a real one: 64-hex id, six labels, one network and a
    /// 200-byte extension JSON (the benchmark shape in the brief).
    static let streamMessage: WorkloadStatusStreamMessage = {
        let id = String(repeating: "0123456789abcdef", count: 4)
        var status = WorkloadStatus()
        status.id = id
        status.running = true
        status.healthy = true
        status.networks = ["calico": "10.233.1.17"]
        let json = #"{"ERU":"1","eru.nodename":"node-7","eru.coreid":"5d41402a","#
            + #""version":"v1.2.3","team":"ops","#
        let padded = json + String(repeating: " ", count: 199 - json.utf8.count) + "}"
        status.extension = Array(padded.utf8)

        var workload = Workload()
        workload.id = id
        workload.podname = "pod"
        workload.nodename = "node-7"
        workload.name = "web_api_qwerty"
        workload.labels = [
            "ERU": "1", "eru.nodename": "node-7", "eru.coreid": "5d41402a",
            "version": "v1.2.3", "team": "ops", "ERU_META": #"{"Publish":["80"],"HealthCheck":null}"#,
        ]
        workload.publish = ["calico": "10.233.1.17:80"]
        workload.image = "registry.local/web:1"
        workload.status = status
        workload.createTime = 1_700_000_000
        workload.env = ["A=1", "B=2"]
        workload.resources = #"{"cpumem":{"cpu":1}}"#

        var message = WorkloadStatusStreamMessage()
        message.id = id
        message.workload = workload
        message.status = status
        return message
    }()

    /// A deploy request touching every modelled field, nested options included.
    static let deployOptions: DeployOptions = {
        var entrypoint = EntrypointOptions()
        entrypoint.name = "api"
        entrypoint.log = LogOptions()
        entrypoint.healthcheck = HealthCheckOptions()
        entrypoint.healthcheck?.tcpPorts = ["80", ""]
        entrypoint.hook = HookOptions()
        entrypoint.hook?.force = true
        entrypoint.sysctls = ["net.core.somaxconn": "1024"]
        entrypoint.commands = ["run", "--port=80"]

        var options = DeployOptions()
        options.name = "web"
        options.entrypoint = entrypoint
        options.podname = "pod"
        options.image = "registry.local/web:1"
        options.count = -1
        options.env = ["A=1"]
        options.networks = ["calico": "", "host": "10.0.0.1"]
        options.deployStrategy = 7
        options.data = ["/etc/app.bin": [0, 0xFF, 0x80]]
        options.rawArgs = [0xC3, 0x28]
        options.nodeFilter = NodeFilter()
        options.resources = ["cpumem": Array(#"{"cpu":1}"#.utf8)]
        options.ignorePull = true
        return options
    }()
}
