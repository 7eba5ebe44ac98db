import Wire

/// Text that breaks naive terminal rendering, for `add-hostile`.
enum HostileText {
    static let esc = "\u{1B}"
    /// SGR red, clear screen, cursor home, an OSC window title, C1 CSI and NEL, DEL, BEL.
    static let controls = "\(esc)[31mred\(esc)[2J\(esc)[H\(esc)]0;pwned\u{07}\u{9B}1m\u{85}\u{7F}\u{08}\r\t"
    /// Right-to-left override, zero-width joiner and space, a family emoji built with joiners,
    /// stacked combining marks, wide CJK and a flag.
    static let unicode = "\u{202E}txt.exe\u{202C}a\u{200D}b\u{200B}c👩‍👩‍👧‍👦e\u{301}\u{302}\u{303}\u{304}漢字テスト🇯🇵"
    static let mixed = controls + unicode
    /// Invalid UTF-8 (a lone continuation byte, a truncated sequence, 0xFF) and NUL, inside
    /// otherwise valid JSON bytes.
    static let extensionBytes: [UInt8] = Array("{\"k\":\"".utf8) + [0x80, 0xC3, 0xFF, 0x00, 0xFE]
        + Array(mixed.utf8) + Array("\"}".utf8)
    /// The size of the one huge label value.
    static let hugeValueBytes = 100 * 1024
    /// The number of extra labels in the `all` kind.
    static let manyLabels = 2_000
}

extension SimCore {
    /// `add-hostile [text|all]`: a running, healthy workload whose app name, labels,
    /// network, image, env and status extension hold hostile data; `all` (the default) adds
    /// one 100 KB label value and 2,000 labels. Replies with the new ID.
    func addHostile(_ args: [String]) throws(ControlError) -> String {
        guard args.count <= 1, ["text", "all"].contains(args.first ?? "all") else {
            throw ControlError(message: "usage: add-hostile [text|all]")
        }
        var labels = ["evil\(HostileText.controls)": HostileText.mixed, "wide": HostileText.unicode]
        if args.first ?? "all" == "all" {
            labels["huge"] = String(repeating: "0123456789abcdef", count: HostileText.hugeValueBytes / 16)
            for index in 0..<HostileText.manyLabels {
                labels["label-\(index)"] = index.isMultiple(of: 2) ? HostileText.unicode : "value-\(index)"
            }
        }
        var workload = makeWorkload(
            appname: "evil\(HostileText.mixed)", entrypoint: "web\(HostileText.controls)",
            nodename: nodes[0].name, image: "registry.local/\(HostileText.mixed):latest",
            userLabels: labels, publishPorts: ["8080"], networkName: "net\(HostileText.mixed)")
        workload.ip = "10.0.0.1\(HostileText.unicode)"
        workload.env = ["EVIL=\(HostileText.mixed)", "NUL=a\u{0}b"]
        workload.rawExtension = HostileText.extensionBytes
        workloads.insert(workload)
        setStatus(workload.id, to: workload.runningStatus(healthy: true))
        return workload.id
    }
}
