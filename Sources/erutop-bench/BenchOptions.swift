import Foundation

/// `erutop-bench` flags.
struct BenchOptions {
    /// Print JSON instead of the table.
    var json = false
    /// Fewer repeats and shorter windows, for a smoke run.
    var quick = false
    /// Sections to run (1–6 and `input`); all when empty.
    var only: Set<String> = []
    /// Folder holding the `erutop` and `erusim` executables; defaults to this one's folder.
    var binDirectory: String
    /// A Python with grpcio and protobuf (the venv `scripts/bench.sh` makes); that consumer is
    /// skipped without it.
    var python: String?
    /// The erutop checkout, for `scripts/bench/status_client.py` and the proto fixture.
    var repoDirectory = FileManager.default.currentDirectoryPath
    /// Scratch folder for terminal output, port files and Python stubs.
    var workDirectory = FileManager.default.temporaryDirectory.path + "/erutop-bench"

    static let usage = """
        usage: erutop-bench [--json] [--quick] [--only 1,2,3,4,5,6,input] [--bin DIR]
                            [--python PATH] [--repo DIR] [--work DIR]
        """

    init(_ arguments: [String]) throws(BenchUsageError) {
        binDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().path
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            switch flag {
            case "--json": json = true
            case "--quick": quick = true
            case "--only", "--bin", "--python", "--repo", "--work":
                guard let value = rest.popFirst() else { throw BenchUsageError("\(flag) needs a value") }
                switch flag {
                case "--only": only = Set(value.split(separator: ",").map(String.init))
                case "--bin": binDirectory = value
                case "--python": python = value
                case "--repo": repoDirectory = value
                default: workDirectory = value
                }
            default: throw BenchUsageError("unknown flag \(flag)")
            }
        }
    }

    func runs(_ section: String) -> Bool { only.isEmpty || only.contains(section) }

    var erutop: String { binDirectory + "/erutop" }
    var erusim: String { binDirectory + "/erusim" }
    var scripts: String { repoDirectory + "/scripts/bench" }
    var fixtures: String { repoDirectory + "/Tests/WireTests/Fixtures" }
}

/// A command-line mistake; printed with the usage, exit status 2.
struct BenchUsageError: Error {
    var message: String

    init(_ message: String) { self.message = message }
}
