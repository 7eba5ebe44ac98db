#!/usr/bin/env bash
# Shrinks a libFuzzer finding and stores it as a regression fixture:
#   bash Fuzz/minimize.sh Fuzz/findings/crash-<sha1> what-it-broke
# writes Tests/WireTests/Fixtures/fuzz-regressions/what-it-broke.bin, and prints the property
# failure (or sanitizer report) the shrunk input still triggers.
set -euo pipefail
cd "$(dirname "$0")/.."
finding=$1
name=$2
source Fuzz/build.sh

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build_wire_fuzzer "$work/wire-fuzzer"
export SWIFT_BACKTRACE=enable=no
"$work/wire-fuzzer" -minimize_crash=1 -max_total_time=60 \
    -exact_artifact_path="$work/minimized" "$finding" >"$work/minimize.log" 2>&1 || true
if [[ ! -s $work/minimized ]]; then
    # An input of one or two bytes may already be minimal; keep it as it is.
    cp "$finding" "$work/minimized"
fi
fixtures=Tests/WireTests/Fixtures/fuzz-regressions
mkdir -p "$fixtures"
cp "$work/minimized" "$fixtures/$name.bin"
echo "$fixtures/$name.bin ($(wc -c <"$fixtures/$name.bin") bytes):"
if "$work/wire-fuzzer" "$fixtures/$name.bin" >"$work/replay.log" 2>&1; then
    echo "it no longer fails"
else
    grep -E 'FuzzProperty violated|==[0-9]+==ERROR|SUMMARY' "$work/replay.log"
fi
