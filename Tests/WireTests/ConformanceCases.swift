import Testing
import Wire

/// One message in protoc's text format next to the value our codec must agree with.
///
/// `text` is written exactly as `protoc --decode` prints it (fields in number order, map entries
/// sorted by key, non-ASCII bytes as octal escapes), so one text serves both directions.
struct ConformanceCase: Sendable, CustomTestStringConvertible {
    let name: String
    /// The message name inside package `pb`; the Swift type has the same name.
    let messageName: String
    let text: String
    /// Our encoding of the expected value.
    let encodeExpected: @Sendable () -> [UInt8]
    /// Decodes `bytes` with our codec and records an issue unless it equals the expected value.
    let expectDecodesToExpected: @Sendable ([UInt8]) throws -> Void
    /// Decodes `bytes` as this case's message type and drops the result.
    let decode: @Sendable ([UInt8]) throws(WireError) -> Void

    init<M: WireMessage>(_ name: String, _ text: String, _ expected: M) {
        self.name = name
        messageName = String(describing: M.self)
        self.text = text
        encodeExpected = { expected.wireBytes() }
        expectDecodesToExpected = { bytes throws in #expect(try M(wire: bytes) == expected) }
        decode = { bytes throws(WireError) in _ = try M(wire: bytes) }
    }

    var testDescription: String { name }
}

extension ConformanceCase {
    static let all: [ConformanceCase] = [
        ConformanceCase("empty message", "", Empty()),
        ConformanceCase("core info strings", """
            version: "v23.10.11"
            revison: "ff909eef"
            build_at: "2024-10-16"
            golang_version: "go1.21.5"
            os_arch: "linux/amd64"
            identifier: "5d41402a"

            """, ConformanceValues.coreInfo),
        ConformanceCase("list options with map and negative int64", """
            appname: "web"
            nodename: "node-1"
            labels {
              key: "env"
              value: "prod"
            }
            labels {
              key: "tier"
              value: ""
            }
            limit: -5

            """, ConformanceValues.listOptions),
        ConformanceCase("stream options with labels", """
            appname: "web"
            entrypoint: "api"
            labels {
              key: "team"
              value: "ops"
            }

            """, ConformanceValues.streamOptions),
        ConformanceCase("status with non-UTF-8 extension bytes", #"""
            id: "c0ffee"
            running: true
            healthy: true
            networks {
              key: "calico"
              value: "10.0.0.7"
            }
            extension: "\377\376{\"a\":1}\000"
            ttl: -1
            appname: "web"
            nodename: "n\305\223ud"
            entrypoint: "api"

            """#, ConformanceValues.status),
        ConformanceCase("stream message with an all-empty status", """
            id: "abc"
            workload {
              id: "abc"
              privileged: true
              status {
              }
              create_time: 1700000000
              env: "A=1"
              env: ""
            }
            status {
            }

            """, ConformanceValues.streamMessageWithEmptyStatus),
        ConformanceCase("stream message carrying a lookup error", """
            id: "gone"
            error: "workload ID is empty"
            delete: true

            """, ConformanceValues.streamError),
        ConformanceCase("workload id", "id: \"abc\"\n", ConformanceValues.workloadID),
        ConformanceCase("workload ids keep empty elements", """
            IDs: "a"
            IDs: ""
            IDs: "b"

            """, ConformanceValues.workloadIDs),
        ConformanceCase("statuses list with an empty element", """
            status {
              id: "a"
              running: true
            }
            status {
            }

            """, ConformanceValues.workloadsStatus),
        ConformanceCase("deploy options with every nested kind", #"""
            name: "web"
            entrypoint {
              name: "api"
              command: "run"
              privileged: true
              dir: "/srv"
              log {
                type: "json-file"
                config {
                  key: "max-size"
                  value: "10m"
                }
              }
              publish: "80"
              healthcheck {
                tcp_ports: "80"
                http_port: "8080"
                url: "/healthz"
                code: -1
              }
              hook {
                after_start: "echo up"
                before_stop: "echo down"
                force: true
              }
              restart: "always"
              sysctls {
                key: "net.core.somaxconn"
                value: "1024"
              }
              commands: "run"
            }
            podname: "pod"
            nodenames: "node-1"
            image: "web:1"
            extra_args: "-v"
            count: 3
            env: "A=1"
            dns: "1.1.1.1"
            extra_hosts: "db:10.0.0.2"
            networks {
              key: "calico"
              value: ""
            }
            user: "root"
            debug: true
            open_stdin: true
            labels {
              key: "team"
              value: "ops"
            }
            nodelabels {
              key: "zone"
              value: "a"
            }
            deploy_strategy: GLOBAL
            data {
              key: "/etc/app.bin"
              value: "\001\377"
            }
            nodes_limit: 2
            ignore_hook: true
            after_create: "touch /ready"
            raw_args: "\200raw"
            node_filter {
              includes: "n1"
              excludes: "n2"
              labels {
                key: "gpu"
                value: "yes"
              }
              all: true
            }
            resources {
              key: "cpumem"
              value: "{\"cpu\":1}"
            }
            ignore_pull: true

            """#, ConformanceValues.deployOptions),
        ConformanceCase("deploy options with an unknown strategy and empty filter", """
            count: -1
            deploy_strategy: 7
            node_filter {
            }

            """, ConformanceValues.deployUnknownStrategy),
        ConformanceCase("create message with hook bytes", #"""
            podname: "pod"
            nodename: "node-1"
            id: "abc"
            name: "web_api_qwerty"
            error: "boom"
            success: true
            publish {
              key: "calico"
              value: "10.0.0.7:80"
            }
            hook: "\377hook"
            resources: "{}"

            """#, ConformanceValues.createMessage),
        ConformanceCase("remove options", """
            IDs: "a"
            IDs: "b"
            force: true

            """, ConformanceValues.removeOptions),
        ConformanceCase("remove message with string hook", """
            id: "a"
            success: true
            hook: "stopped"

            """, ConformanceValues.removeMessage),
    ]
}
