import Foundation
import Testing

extension TerminalResilienceEndToEndTests {
    /// Workloads whose names, labels and errors carry terminal escapes: what erutop writes to its
    /// tty holds only the sequences ncurses draws with, and the hostile text shows in visible form.
    @Suite(.serialized) struct HostileDataEndToEndTests {
        private static let esc = "\u{1B}"
        /// Server text a terminal would act on if written raw, with enough context to tell it from
        /// erutop's own drawing (which does use `ESC [31m` and one `ESC [2J`).
        private static let payloads = [
            "\(esc)[31mred", "\(esc)]0;pwned", "\(esc)]0;owned", "\(esc)[2J\(esc)[2J", "\u{9B}", "\u{202E}", "\u{07}",
        ]

        /// Adds the hostile workloads; returns the ID of the one with hostile labels.
        private func addHostileWorkloads(_ sim: SimProcess) throws -> String {
            let labelled = try sim.control(
                "add", "x\(Self.esc)[31mred", "e\(Self.esc)]0;pwned\u{07}", "node-1",
                "k=\u{9B}31m", "t=\(Self.esc)[2J", "bidi=\u{202E}evil"
            ).trimmingCharacters(in: .whitespacesAndNewlines)
            try sim.control("add", String(repeating: "\(Self.esc)[2J", count: 6) + "wide", "c1\u{9B}31m\u{202E}rtl", "node-2")
            try sim.control("inject-error", labelled, "\(Self.esc)]0;owned\u{07}")
            return labelled
        }

        @Test func erutopWritesOnlyDrawingSequencesAndShowsHostileTextVisibly() throws {
            let sim = try SimProcess(["--workloads", "6", "--seed", "61"])
            defer { sim.stop() }
            let labelled = try addHostileWorkloads(sim)
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            let typescript = scratch.path("typescript")
            // script(1) gives erutop a pty of its own and copies everything written to it, byte for byte.
            let command = "TERM=xterm-256color \(Built.erutop) --eru \(sim.address)"
            let tmux = try TmuxSession(
                command: ["/usr/bin/script", "-q", "-f", "-c", command, typescript], columns: 120, rows: 30)
            defer { tmux.kill() }

            let table = try tmux.waitFor { $0.contains("8 total") && $0.contains("x\\e[31mred") && $0.contains("bidi=") }
            try tmux.send("/")
            try tmux.send("-l", "red")
            try tmux.send("Enter", "Enter")
            let detail = try tmux.waitFor { $0.contains("Labels") && $0.contains("bidi") }
            try tmux.send("q", "q")
            try tmux.waitFor { _ in tmux.paneDead }
            let bytes = try Self.recordedOutput(typescript)

            #expect(table.contains("x\\e[31mred_e\\e]0;pwned\\x07_"), "\(table)")
            #expect(table.contains("\\e[2J\\e[2J") && table.contains("bidi=\\u{202e}evil k=\\u{9"), "\(table)")
            #expect(detail.contains("\\u{9b}31m") && detail.contains("\\e[2J") && detail.contains("\\u{202e}evil"), "\(detail)")
            #expect(detail.contains(String(labelled.prefix(7))), "\(detail)")
            #expect(Self.misalignedRows(table) == [], "\(table)")
            #expect(tmux.paneDead)

            let text = try #require(String(validating: bytes, as: UTF8.self), "output is not UTF-8")
            for payload in Self.payloads {
                #expect(!text.contains(payload), "raw \(payload.debugDescription) reached the terminal")
            }
            #expect(Self.foreignSequences(in: bytes) == [])
            #expect(Self.foreignScalars(in: text) == [])
            // The one full clear is the first frame's; hostile "\e[2J" text must not add any.
            #expect(text.components(separatedBy: "\(Self.esc)[2J").count - 1 == 1)
        }

        @Test func rowsWithHostileTextStayAlignedAtEveryWidth() throws {
            let sim = try SimProcess(["--workloads", "6", "--seed", "62"])
            defer { sim.stop() }
            _ = try addHostileWorkloads(sim)
            let tmux = try TmuxSession(command: [Built.erutop, "--eru", sim.address], columns: 120, rows: 30)
            defer { tmux.kill() }
            try tmux.waitFor { $0.contains("live") && $0.contains("8 total") }

            for columns in [60, 80, 120, 200] {
                try tmux.resize(columns: columns, rows: 30)
                let screen = try tmux.waitFor(timeout: 3) {
                    screenLines($0).first.map { $0.count == columns - 1 } == true && Self.misalignedRows($0).isEmpty
                }

                #expect(Self.misalignedRows(screen) == [], "\(columns) columns:\n\(screen)")
                #expect(screenLines(screen).allSatisfy { $0.count <= columns }, "\(screen)")
            }
        }

        @Test func theByteScanFlagsWhatATerminalWouldActOnAndPassesDrawing() {
            let drawing = "\(Self.esc)[?1049h\(Self.esc)[22;0;0t\(Self.esc)(B\(Self.esc)[0;1;7m\(Self.esc)[12;40Hok\(Self.esc)[2J\(Self.esc)="
            let hostile = [
                "\(Self.esc)]0;title\u{07}", "\(Self.esc)[6n", "\(Self.esc)c", "\(Self.esc)P1$r\(Self.esc)\\", "\(Self.esc)[21t", "\(Self.esc)[31;\"m",
            ]

            #expect(Self.foreignSequences(in: Array(drawing.utf8)) == [])
            for sequence in hostile {
                #expect(!Self.foreignSequences(in: Array(sequence.utf8)).isEmpty, "\(sequence.debugDescription)")
            }
            #expect(Self.foreignScalars(in: "a\u{9B}b\u{202E}c\u{07}\u{200B}") == ["U+9b", "U+202e", "U+7", "U+200b"])
            #expect(Self.foreignScalars(in: drawing + "\r\n東…") == [])
        }

        /// The bytes erutop wrote, without the lines script(1) adds at the start and end.
        static func recordedOutput(_ path: String) throws -> [UInt8] {
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            if bytes.starts(with: Array("Script started".utf8)), let newline = bytes.firstIndex(of: 0x0A) {
                bytes.removeSubrange(...newline)
            }
            let trailer = Array("\nScript done".utf8)
            if let start = bytes.indices.last(where: { bytes[$0...].starts(with: trailer) }) {
                bytes.removeSubrange((start + 1)...)
            }
            return bytes
        }

        /// Data rows (a 7-hex-digit ID first) whose status word does not start under the STATUS title.
        static func misalignedRows(_ screen: String) -> [String] {
            let lines = screenLines(screen)
            guard let header = lines.first(where: { $0.hasPrefix("ID ") }), let title = header.range(of: "STATUS") else {
                return ["no column titles"]
            }
            let column = header.distance(from: header.startIndex, to: title.lowerBound)
            let rows = lines.filter { $0.prefix(8).wholeMatch(of: #/[0-9a-f]{7} /#) != nil }
            return rows.filter { row in
                let rest = row.dropFirst(column)
                return !["healthy", "unhealthy", "stopped", "unknown"].contains { rest.hasPrefix($0) }
            }
        }

        /// Escape sequences that are not among those ncurses draws with on xterm-256color: CSI with
        /// numeric parameters and a drawing final byte, the title push/pop of smcup/rmcup, charset
        /// and keypad switches, save/restore.
        /// OSC, DCS, string controls, full resets and the rest are foreign.
        static func foreignSequences(in bytes: [UInt8]) -> [String] {
            let csiFinals = Set("@ABCDEGHJKLMPSTXZbdhlmr".utf8)
            let singles = Set("=>78MDE".utf8)
            var foreign: [String] = []
            var index = 0
            while index < bytes.count {
                defer { index += 1 }
                guard bytes[index] == 0x1B else { continue }
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                switch next {
                case UInt8(ascii: "["):
                    var end = index + 2
                    if end < bytes.count, bytes[end] == UInt8(ascii: "?") { end += 1 }
                    while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) || bytes[end] == UInt8(ascii: ";") {
                        end += 1
                    }
                    let parameters = String(decoding: bytes[(index + 2)..<min(end, bytes.count)], as: UTF8.self)
                    // xterm's smcup and rmcup push and pop the window title (XTPUSHTITLE/XTPOPTITLE).
                    let titleStack = end < bytes.count && bytes[end] == UInt8(ascii: "t") && ["22;0;0", "23;0;0"].contains(parameters)
                    if end >= bytes.count || !(csiFinals.contains(bytes[end]) || titleStack) {
                        foreign.append(String(decoding: bytes[index..<min(end + 1, bytes.count)], as: UTF8.self).debugDescription)
                    }
                    index = end
                case UInt8(ascii: "("), UInt8(ascii: ")"):
                    let designator = index + 2 < bytes.count ? bytes[index + 2] : 0
                    if designator != UInt8(ascii: "B") && designator != UInt8(ascii: "0") {
                        foreign.append("ESC \(Character(UnicodeScalar(next))) \(designator)")
                    }
                    index += 2
                default:
                    if !singles.contains(next) { foreign.append("ESC \(Character(UnicodeScalar(next)))") }
                    index += 1
                }
            }
            return foreign
        }

        /// Control characters other than those drawing uses (ESC, CR, LF, BS, TAB, SO, SI), C1
        /// controls and bidi or zero-width formatting characters.
        static func foreignScalars(in text: String) -> [String] {
            let drawing: Set<UInt32> = [0x1B, 0x0D, 0x0A, 0x08, 0x09, 0x0E, 0x0F]
            return text.unicodeScalars.filter { scalar in
                switch scalar.value {
                case 0..<0x20, 0x7F: !drawing.contains(scalar.value)
                case 0x80...0x9F, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0xFEFF: true
                default: false
                }
            }.map { "U+" + String($0.value, radix: 16) }
        }
    }
}
