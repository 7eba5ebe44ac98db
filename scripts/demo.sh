#!/usr/bin/env bash
# Installs what is missing and runs the dashboard against its embedded simulated core.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh
install_packages "${ERUTOP_PACKAGES[@]}"
export LANG=${LANG:-C.UTF-8}
swift build -c release --product erutop
exec .build/release/erutop --demo "$@"
