import Dashboard
import Testing

@testable import ErutopApp

@Suite struct OptionsTests {
    @Test func defaultsFallBackToTheEnvironmentThenToLoopback() throws {
        let bare = try Options.parse([], environment: [:])
        let fromEnv = try Options.parse([], environment: ["ERU": "10.0.0.1:5001", "ERU_USERNAME": "ops", "ERU_PASSWORD": "pw"])

        #expect(bare.eru == "127.0.0.1:5001")
        #expect(fromEnv.eru == "10.0.0.1:5001")
        #expect(fromEnv.username == "ops" && fromEnv.password == "pw")
    }

    @Test func flagsOverrideTheEnvironment() throws {
        let options = try Options.parse(["-e", "127.0.0.1:7000", "-u", "me", "--password=x"], environment: ["ERU": "h:1", "ERU_USERNAME": "other"])

        #expect(options.eru == "127.0.0.1:7000")
        #expect(options.username == "me")
        #expect(options.password == "x")
    }

    @Test func filterFlagsAndRepeatedLabelsAreCollected() throws {
        let options = try Options.parse(
            ["--app", "demo", "--entrypoint", "web", "--node", "n1", "--label", "a=1", "--label", "c=x=y,z"], environment: [:])

        #expect(options.filters == Filters(appname: "demo", entrypoint: "web", nodename: "n1", labels: ["a": "1", "c": "x=y,z"]))
    }

    @Test func onceWithJSONOutput() throws {
        let options = try Options.parse(["--once", "--output", "json"], environment: [:])

        #expect(options.once)
        #expect(options.output == .json)
    }

    @Test(arguments: [
        (["--bogus"], "unknown flag --bogus"),
        (["--app"], "--app needs a value"),
        (["--output", "json"], "--output only goes with --once"),
        (["--once", "-o", "yaml"], "--output must be table or json, not \"yaml\""),
        (["--label", "novalue"], "--label needs KEY=VALUE, not \"novalue\""),
        (["--label", "=v"], "--label needs KEY=VALUE, not \"=v\""),
        (["--eru", "nohost"], "--eru \"nohost\" is not HOST:PORT"),
        (["--eru", "h:99999"], "--eru \"h:99999\" is not HOST:PORT with a port from 1 to 65535"),
        (["-u", "ops"], "a username (-u) needs a non-empty password (-p)"),
        (["-u", "ops", "-p", ""], "a username (-u) needs a non-empty password (-p)"),
        (["-p", "x"], "a password (-p) needs a username (-u)"),
        (["-u", "u u", "-p", "x"], "username \"u u\" must be letters, digits, '-', '_' or '.' (it is sent as a header name)"),
        (["-u", "ops", "-p", "a\nb"], "the password must be printable ASCII (it is sent as a header value)"),
        (["-u", "Ops", "-p", "x"], "username \"Ops\" has upper-case letters; eru-core can never match it"),
        (["--demo", "--eru", "h:1"], "--demo starts its own core; drop --eru"),
        (["stray"], "unexpected argument \"stray\""),
    ])
    func badCommandLinesGiveAClearMessage(arguments: [String], message: String) {
        #expect(throws: UsageError(message)) { try Options.parse(arguments, environment: [:]) }
    }

    @Test func ipv6AddressesAreAccepted() throws {
        #expect(try Options.parse(["--eru", "[::1]:5001"], environment: [:]).eru == "[::1]:5001")
    }

    @Test func helpMentionsEveryFlag() {
        for flag in ["--eru", "--username", "--password", "--app", "--entrypoint", "--node", "--label", "--once", "--output", "--demo", "--log", "--help"] {
            #expect(Options.usage.contains(flag))
        }
    }
}
