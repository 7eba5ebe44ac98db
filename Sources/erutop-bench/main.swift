import Foundation

/// `erutop-bench`: measures decode+apply, end to end, render, idle, latency, memory and
/// start-up in one run; see docs/benchmarks.md.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Runs the chosen sections in order; a failure ends the run with what was measured so far.
func runSections(_ options: BenchOptions, into report: inout Report) async throws {
    try FileManager.default.createDirectory(atPath: options.workDirectory, withIntermediateDirectories: true)
    if options.runs("1") { try DecodeApplyBench.run(into: &report, quick: options.quick) }
    if options.runs("3") || options.runs("input") {
        try RenderBench.run(into: &report, workDirectory: options.workDirectory, quick: options.quick)
    }
    if options.runs("2") { try await EndToEndBench.run(options, into: &report) }
    if options.runs("5") { try await LatencyBench.run(options, into: &report) }
    if options.runs("4") || options.runs("6") { try await BinaryBench.run(options, into: &report) }
}

let options: BenchOptions
if CommandLine.arguments.dropFirst().contains(where: { $0 == "--help" || $0 == "-h" }) {
    print(BenchOptions.usage + "\nSections: docs/benchmarks.md. Everything it starts runs on 127.0.0.1.")
    exit(0)
}
do throws(BenchUsageError) {
    options = try BenchOptions(Array(CommandLine.arguments.dropFirst()))
} catch {
    printError("erutop-bench: \(error.message)\n\(BenchOptions.usage)")
    exit(2)
}

/// The whole run: the report, and 1 when a section failed.
func runAll(_ options: BenchOptions) async -> (Report, Int32) {
    var report = Report(
        machine: Machine.describe() + String(format: "; load average %.1f at the start", loadAverage()),
        command: CommandLine.arguments.joined(separator: " "))
    do {
        try await runSections(options, into: &report)
        report.machine += String(format: "; load average %.1f at the end", loadAverage())
        return (report, 0)
    } catch {
        printError("erutop-bench: \(error)")
        return (report, 1)
    }
}

let (report, status) = await runAll(options)
print(options.json ? report.json() : report.table())
exit(status)
