#!/usr/bin/env bash
# Installs what is missing, builds with warnings as a failure, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh
install_packages "${ERUTOP_PACKAGES[@]}"
export LANG=C.UTF-8

build_log=$(mktemp)
swift build --build-tests 2>&1 | tee "$build_log"
if grep -q "warning:" "$build_log"; then
    echo "the build has warnings (see above)" >&2
    exit 1
fi
# Serialized: several suites start gRPC servers, tmux and erusim, and on two cores parallel
# suites starve each other into deadline failures.
swift test --skip-build --no-parallel
