import Foundation
import Reconcile
import Testing
import Wire

/// A temporary directory holding a replicas file and an app spec, removed at deinit.
final class ConfigFiles {
    let directory: URL

    init(replicas: String, spec: String? = validSpec) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("reconcile-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try replicas.write(to: directory.appendingPathComponent("replicas.yaml"), atomically: true, encoding: .utf8)
        if let spec {
            try spec.write(to: directory.appendingPathComponent("app.yaml"), atomically: true, encoding: .utf8)
        }
    }

    var replicasPath: String { directory.appendingPathComponent("replicas.yaml").path }
    var specPath: String { directory.appendingPathComponent("app.yaml").path }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

let validSpec = """
    appname: web
    stages: [build]
    entrypoints:
      api:
        cmd: "serve  --port 80"
        privileged: true
        dir: /srv
        restart: always
        sysctls: {net.core.somaxconn: "1024"}
        publish: ["80/http"]
        healthcheck: {tcp_ports: ["80"], http_port: "80", url: /ping, code: 200}
        hook: {after_start: [warm], before_stop: [drain], force: true}
        log: {type: json-file, config: {max-size: 10m}}
      worker:
        cmd: ignored
        commands: [work, "--fast"]
    volumes: ["/data:/data"]
    volumes_request: ["/tmp:/tmp"]
    labels: {team: core, tier: spec}
    dns: [1.1.1.1]
    extra_hosts: ["db:10.0.0.5"]
    """

let fullReplicas = """
    replicasets:
      - appname: web
        entrypoint: api
        replicas: 3
        podname: pod1
        image: web:2
        spec: app.yaml
        network: calico=10.1.1.1
        env: [A=1, B=2]
        nodes: [n1, n2]
        nodelabels: [zone=a, disk=ssd]
        cpu: 1.5
        memory: 1G
        storage: 10G
        deploy_strategy: fill
        labels: {tier: set}
        user: app
        after_create: [echo hi]
        startup_grace: 30
      - {appname: web, entrypoint: worker, replicas: 0, podname: pod1, image: web:2, spec: app.yaml}
    """

@Suite struct ReplicasFileTests {
    @Test func aGoodFileLoadsEverySetWithItsSpecAndDefaults() throws {
        let files = try ConfigFiles(replicas: fullReplicas)

        let sets = try ReplicasFile.load(path: files.replicasPath)

        #expect(sets.count == 2)
        let api = sets[0]
        #expect(api.key == "web/api{tier=set}")
        #expect(api.replicas == 3 && api.podname == "pod1" && api.image == "web:2" && api.startupGrace == 30)
        #expect(api.settings.networks == ["calico": "10.1.1.1"])
        #expect(api.settings.nodeLabels == ["zone": "a", "disk": "ssd"])
        #expect(api.settings.memory == 1 << 30 && api.settings.storage == 10 << 30 && api.settings.cpu == 1.5)
        #expect(api.settings.deployStrategy == .fill && api.settings.user == "app")
        #expect(api.app.entrypoints["api"]?.healthcheck?.code == 200)

        let worker = sets[1]
        #expect(worker.settings == DeploySettings())
        #expect(worker.startupGrace == 120 && worker.settings.user == "root")
        #expect(worker.settings.networks == ["host": ""])
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        var name: String
        var replicas: String
        var spec: String? = validSpec
        /// Expected `FILE:LINE:COL: key: message` with FILE relative to the temp directory.
        var expected: String
        var testDescription: String { name }
    }

    static let set = "  - {appname: web, entrypoint: api, podname: p, image: i, spec: app.yaml"

    @Test(arguments: [
        BadCase(name: "yaml syntax error", replicas: "replicasets:\n  - [a, b\n",
                expected: "replicas.yaml:3:1: did not find expected ',' or ']'"),
        BadCase(name: "missing replicasets", replicas: "sets: []\n",
                expected: "replicas.yaml:1:1: replicasets: required key is missing"),
        BadCase(name: "unknown top-level key", replicas: "replicasets: []\nextra: 1\n",
                expected: "replicas.yaml:2:1: extra: unknown key"),
        BadCase(name: "missing required key",
                replicas: "replicasets:\n  - {appname: web, entrypoint: api, replicas: 1}\n",
                expected: "replicas.yaml:2:5: replicasets[0].podname: required key is missing"),
        BadCase(name: "wrong type", replicas: "replicasets:\n\(set), replicas: many}\n",
                expected: "replicas.yaml:2:85: replicasets[0].replicas: expected an integer, found \"many\""),
        BadCase(name: "list where a scalar goes", replicas: "replicasets:\n\(set), replicas: 1, user: [a]}\n",
                expected: "replicas.yaml:2:94: replicasets[0].user: expected a scalar, found a list"),
        BadCase(name: "unknown key in a set", replicas: "replicasets:\n\(set), replicas: 1, replica: 2}\n",
                expected: "replicas.yaml:2:88: replicasets[0].replica: unknown key"),
        BadCase(name: "negative replicas", replicas: "replicasets:\n\(set), replicas: -1}\n",
                expected: "replicas.yaml:2:85: replicasets[0].replicas: must be 0 or more"),
        BadCase(name: "replicas with a typo's extra digits", replicas: "replicasets:\n\(set), replicas: 99999999999}\n",
                expected: "replicas.yaml:2:85: replicasets[0].replicas: must be at most 10000"),
        BadCase(name: "entrypoint with underscore",
                replicas: "replicasets:\n  - {appname: web, entrypoint: a_b, replicas: 1}\n",
                expected: "replicas.yaml:2:32: replicasets[0].entrypoint: must be non-empty and contain no '_'"),
        BadCase(name: "unreadable spec", replicas: "replicasets:\n\(set), replicas: 1}\n", spec: nil,
                expected: "replicas.yaml:2:65: replicasets[0].spec: cannot read"),
        BadCase(name: "bad type inside the spec", replicas: "replicasets:\n\(set), replicas: 1}\n",
                spec: "appname: web\nentrypoints:\n  api:\n    privileged: maybe\n",
                expected: "app.yaml:4:17: entrypoints.api.privileged: expected true or false, found \"maybe\""),
        BadCase(name: "entrypoint missing from the spec", replicas: "replicasets:\n\(set), replicas: 1}\n",
                spec: "appname: web\nentrypoints: {other: {cmd: x}}\n",
                expected: "replicas.yaml:2:32: replicasets[0].entrypoint: \"api\" is not among the entrypoints"),
        BadCase(name: "unknown deploy strategy", replicas: "replicasets:\n\(set), replicas: 1, deploy_strategy: fil}\n",
                expected: "replicas.yaml:2:105: replicasets[0].deploy_strategy: unknown strategy \"fil\""),
        BadCase(name: "bad memory size", replicas: "replicasets:\n\(set), replicas: 1, memory: lots}\n",
                expected: "replicas.yaml:2:96: replicasets[0].memory: expected a size"),
        BadCase(name: "two sets claiming the same instances",
                replicas: "replicasets:\n\(set), replicas: 1}\n\(set), replicas: 2, labels: {a: b}}\n",
                expected: "replicas.yaml:3:5: replicasets[1]: claims the same instances as the set at line 2"),
    ])
    func aBadFileIsRejectedWithFileLineColumnAndKey(_ c: BadCase) throws {
        let files = try ConfigFiles(replicas: c.replicas, spec: c.spec)

        let error = #expect(throws: ConfigError.self) { try ReplicasFile.load(path: files.replicasPath) }

        let text = error?.description.replacingOccurrences(of: files.directory.path + "/", with: "") ?? ""
        #expect(text.hasPrefix(c.expected), "\(text)")
    }
}
