#!/usr/bin/env bash
# Fuzzes every Eru message decoder with libFuzzer for SECONDS (default 60) from seed SEED
# (default 1), starting from the committed corpus in Fuzz/corpus/. See Fuzz/README.md.
#
# New interesting inputs go to Fuzz/findings/corpus/ (not committed); a crash or a broken
# round-trip property is saved as Fuzz/findings/crash-<sha1> and ends the run with status 1.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
seed=${2:-1}
source Fuzz/build.sh

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "building the fuzzer in $work"
build_wire_fuzzer "$work/wire-fuzzer"

mkdir -p Fuzz/findings/corpus
log=$work/fuzz.log
status=0
# The Swift runtime's own crash handler would race ASan's and libFuzzer's; leave crashes to them.
SWIFT_BACKTRACE=enable=no "$work/wire-fuzzer" Fuzz/findings/corpus Fuzz/corpus \
    -seed="$seed" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix=Fuzz/findings/ >"$log" 2>&1 || status=$?

summary='^(Done|stat::|FuzzProperty violated|==[0-9]+==ERROR|artifact_prefix)'
grep -E "$summary" "$log" || true
executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
echo "executions: ${executions:-unknown} in ${seconds}s (${rate:-?}/s)," \
    "seed $seed, exit status $status"
if [[ $status -ne 0 ]]; then
    echo "full libFuzzer log:" >&2
    tail -n 60 "$log" >&2
fi
exit "$status"
