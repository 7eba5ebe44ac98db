import Foundation
import Reconcile
import Testing
import Wire

@Suite struct DeployMappingTests {
    func loaded() throws -> [ReplicaSetSpec] {
        let files = try ConfigFiles(replicas: fullReplicas)
        return try ReplicasFile.load(path: files.replicasPath)
    }

    func json(_ bytes: [UInt8]?) -> String { String(decoding: bytes ?? [], as: UTF8.self) }

    @Test func specAndSettingsMapAsEruCliDoes() throws {
        let options = try loaded()[0].deployOptions(count: 2)

        #expect(options.name == "web" && options.podname == "pod1" && options.image == "web:2" && options.count == 2)
        #expect(options.env == ["A=1", "B=2"] && options.dns == ["1.1.1.1"] && options.extraHosts == ["db:10.0.0.5"])
        #expect(options.networks == ["calico": "10.1.1.1"] && options.user == "app")
        #expect(options.afterCreate == ["echo hi"])
        #expect(options.deployStrategy == DeployStrategy.fill.rawValue)
        #expect(options.nodeFilter?.includes == ["n1", "n2"])
        #expect(options.nodeFilter?.labels == ["zone": "a", "disk": "ssd"])
        #expect(options.nodenames.isEmpty && options.nodelabels.isEmpty)
    }

    @Test func theSetLabelsAreAddedAndWinOverTheSpecs() throws {
        let options = try loaded()[0].deployOptions(count: 1)

        #expect(options.labels == ["team": "core", "tier": "set"])
    }

    @Test func entrypointFieldsComeFromTheSpecAndCmdIsSplitOnSingleSpaces() throws {
        let entry = try #require(try loaded()[0].deployOptions(count: 1).entrypoint)

        #expect(entry.name == "api")
        #expect(entry.commands == ["serve", "", "--port", "80"])
        #expect(entry.command.isEmpty)
        #expect(entry.privileged && entry.dir == "/srv" && entry.restart == "always")
        #expect(entry.sysctls == ["net.core.somaxconn": "1024"] && entry.publish == ["80/http"])
        #expect(entry.healthcheck?.tcpPorts == ["80"] && entry.healthcheck?.httpPort == "80")
        #expect(entry.healthcheck?.url == "/ping" && entry.healthcheck?.code == 200)
        #expect(entry.hook?.afterStart == ["warm"] && entry.hook?.beforeStop == ["drain"] && entry.hook?.force == true)
        #expect(entry.log?.type == "json-file" && entry.log?.config == ["max-size": "10m"])
    }

    @Test func commandsWinOverCmd() throws {
        let entry = try loaded()[1].deployOptions(count: 1).entrypoint

        #expect(entry?.commands == ["work", "--fast"])
    }

    @Test func cpuMemoryAndStorageSettingsSetRequestAndLimit() throws {
        let options = try loaded()[0].deployOptions(count: 1)

        #expect(json(options.resources["cpumem"])
            == #"{"cpu-limit":1.5,"cpu-request":1.5,"memory-limit":1073741824,"memory-request":1073741824}"#)
        #expect(json(options.resources["storage"])
            == #"{"storage-limit":10737418240,"storage-request":10737418240,"volumes-limit":["/data:/data"],"#
            + #""volumes-request":["/tmp:/tmp"]}"#)
    }

    @Test func withoutSettingsTheEruCliDefaultsApply() {
        let options = replicaSet(1).deployOptions(count: 1)

        #expect(json(options.resources["cpumem"])
            == #"{"cpu-limit":1,"cpu-request":0,"memory-limit":536870912,"memory-request":0}"#)
        #expect(json(options.resources["storage"]) == "{}")
        #expect(options.networks == ["host": ""] && options.user == "root")
        #expect(options.nodeFilter == NodeFilter())
        #expect(options.deployStrategy == DeployStrategy.auto.rawValue)
    }

    @Test(arguments: [
        ("512M", Int64(512 << 20)), ("1g", Int64(1 << 30)), ("2KiB", Int64(2048)), ("3T", Int64(3) << 40),
        ("1.5G", Int64(3) << 29), ("-1M", Int64(-(1 << 20))), ("100", Int64(100)), ("10 MB", Int64(10 << 20)),
    ])
    func memorySizesUseBinaryUnits(_ text: String, _ bytes: Int64) throws {
        let files = try ConfigFiles(replicas: """
            replicasets:
              - {appname: web, entrypoint: api, replicas: 1, podname: p, image: i, spec: app.yaml, memory: "\(text)"}
            """)

        let set = try ReplicasFile.load(path: files.replicasPath)[0]

        #expect(set.settings.memory == bytes)
    }

    @Test func aNetworkWithoutIPRequestsAnyAddress() throws {
        let files = try ConfigFiles(replicas: """
            replicasets:
              - {appname: web, entrypoint: api, replicas: 1, podname: p, image: i, spec: app.yaml, network: bridge}
            """)

        let set = try ReplicasFile.load(path: files.replicasPath)[0]

        #expect(set.deployOptions(count: 1).networks == ["bridge": ""])
    }
}
