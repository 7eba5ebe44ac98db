// swift-tools-version:6.0
import PackageDescription

// Layers (imports point down only):
//   CGRPC / CNcurses / CYAML   system libraries (module map + one shim header each)
//   GRPCCore, Curses           the only Swift that touches those C APIs
//   Wire                       protobuf codec and the Eru messages (pure Swift)
//   Dashboard                  table model, status feed merge, filters (pure Swift)
//   Reconcile                  replica-set planner, config, executor (no C but libyaml)
//   Render                     model -> Grid of cells (pure Swift)
//   EruSim                     simulated Eru core served over GRPCCore
//   ErutopApp                  wiring: CLI, feed client, presenter, input loop
let package = Package(
    name: "erutop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "erutop", targets: ["erutop"]),
        .executable(name: "erusim", targets: ["erusim"]),
        .executable(name: "erutop-bench", targets: ["erutop-bench"]),
    ],
    targets: [
        // No `pkgConfig:` on purpose: grpc.pc drags ~25 absl .pc files and overflows argv,
        // and ncursesw.pc's flags are prohibited; the module maps link what is needed.
        .systemLibrary(name: "CGRPC", path: "CGRPC", providers: [.apt(["libgrpc-dev"])]),
        .systemLibrary(name: "CNcurses", path: "CNcurses", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CYAML", path: "CYAML", providers: [.apt(["libyaml-dev"])]),

        .target(name: "GRPCCore", dependencies: ["CGRPC"]),
        .target(name: "Curses", dependencies: ["CNcurses"]),
        .target(name: "Wire"),
        .target(name: "SeededRandom"),
        .target(name: "Dashboard", dependencies: ["Wire"]),
        .target(name: "Reconcile", dependencies: ["Dashboard", "Wire", "CYAML"]),
        .target(name: "Render", dependencies: ["Dashboard", "Reconcile"]),
        .target(name: "EruSim", dependencies: ["GRPCCore", "Wire", "SeededRandom"]),
        .target(
            name: "ErutopApp",
            dependencies: ["GRPCCore", "Curses", "Wire", "Dashboard", "Reconcile", "Render", "EruSim"]
        ),
        .executableTarget(name: "erutop", dependencies: ["ErutopApp"]),
        .executableTarget(name: "erusim", dependencies: ["EruSim"]),
        .executableTarget(
            name: "erutop-bench",
            dependencies: ["ErutopApp", "EruSim", "GRPCCore", "Curses", "Wire", "Dashboard", "Render"]
        ),

        .testTarget(name: "WireTests", dependencies: ["Wire", "SeededRandom"], exclude: ["Fixtures"]),
        .testTarget(name: "GRPCCoreTests", dependencies: ["GRPCCore"]),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "Wire", "SeededRandom"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Dashboard", "Reconcile", "Wire"]),
        .testTarget(name: "CursesTests", dependencies: ["Curses"]),
        .testTarget(name: "EruSimTests", dependencies: ["EruSim", "GRPCCore", "Wire"]),
        .testTarget(name: "ReconcileTests", dependencies: ["Reconcile", "Dashboard", "Wire", "SeededRandom"]),
        .testTarget(
            name: "ErutopAppTests",
            dependencies: ["ErutopApp", "Dashboard", "Wire", "EruSim", "GRPCCore", "Reconcile", "Render", "Curses"]
        ),
        .testTarget(name: "EndToEndTests", dependencies: []),
    ]
)
