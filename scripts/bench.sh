#!/usr/bin/env bash
# Runs erutop-bench: installs what is missing (the Debian packages, python3-venv, and grpcio,
# grpcio-tools and protobuf in a venv under .build/bench-venv), builds erutop, erusim and
# erutop-bench in release mode, and prints the table (pass --json for JSON; other flags go to
# erutop-bench, see docs/benchmarks.md). Everything it starts runs on 127.0.0.1 and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh
packages=("${ERUTOP_PACKAGES[@]}")
# A Python that cannot make venvs (Debian's python3 without python3-venv) needs the package.
command -v python3 >/dev/null || packages+=(python3)
command -v python3 >/dev/null && python3 -c "import ensurepip, venv" 2>/dev/null || packages+=(python3-venv)
install_packages "${packages[@]}"
export LANG=C.UTF-8

venv=.build/bench-venv
if [ ! -x "$venv/bin/python" ]; then
    mkdir -p .build
    python3 -m venv "$venv"
fi
"$venv/bin/python" -c "import grpc, grpc_tools, google.protobuf" 2>/dev/null \
    || "$venv/bin/pip" install -q grpcio grpcio-tools protobuf

for product in erutop erusim erutop-bench; do
    swift build -c release --product "$product"
done
bin=$(swift build -c release --show-bin-path)
exec "$bin/erutop-bench" --bin "$bin" --python "$venv/bin/python" --repo "$PWD" "$@"
