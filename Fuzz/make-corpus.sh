#!/usr/bin/env bash
# Rewrites Fuzz/corpus/: one seed per message kind encoded by our codec (Fuzz/CorpusMaker), and
# a few encoded by protoc from text, carrying what our encoder never writes (fields we do not
# model, extreme integers, non-ASCII text). File names start with the message type.
set -euo pipefail
cd "$(dirname "$0")/.."
source Fuzz/build.sh

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build_fuzz_program "$work/corpus-maker" CorpusMaker -O -- \
    Fuzz/CorpusMaker/CorpusMaker.swift Tests/WireTests/Samples.swift \
    Tests/WireTests/ConformanceValues.swift
rm -f Fuzz/corpus/*.bin
mkdir -p Fuzz/corpus
"$work/corpus-maker" Fuzz/corpus

# protoc_seed TYPE LABEL < text-format message
protoc_seed() {
    protoc --proto_path=Tests/WireTests/Fixtures --encode="pb.$1" eru.proto \
        >"Fuzz/corpus/$1-protoc-$2.bin"
}

protoc_seed DeployOptions unmodelled-modes-and-owners <<'TEXT'
name: "web"
count: -2147483648
deploy_strategy: DUMMY
modes { key: "/etc/app.bin" value { mode: 420 } }
owners { key: "/etc/app.bin" value { uid: -1 gid: 1000 } }
nodes_limit: 2147483647
ignore_pull: true
TEXT
protoc_seed WorkloadStatus extreme-ttl-and-bytes <<'TEXT'
id: "c0ffee"
networks { key: "calico" value: "10.0.0.7" }
networks { key: "host" value: "" }
extension: "\377\376\000\001"
ttl: -9223372036854775808
nodename: "n\305\223ud"
TEXT
protoc_seed HealthCheckOptions minimum-code <<'TEXT'
tcp_ports: ""
tcp_ports: "443"
code: -2147483648
TEXT
protoc_seed CreateWorkloadMessage unicode-error <<'TEXT'
id: "abc"
error: "\342\234\227 no capacity on n\305\223ud"
publish { key: "" value: "" }
TEXT
ls -l Fuzz/corpus
