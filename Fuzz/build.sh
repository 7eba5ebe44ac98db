# Sourced by run.sh and make-corpus.sh: builds Fuzz/ programs with bare swiftc (no SwiftPM), so
# the fuzzer can be rebuilt with sanitizer flags without touching .build/.

# build_fuzz_program OUTPUT MODULE FLAGS... -- SOURCES...
# Compiles Sources/Wire into module Wire under OUTPUT's folder, then links SOURCES against it.
# FLAGS apply to both steps, so sanitizer coverage reaches the decoder itself.
build_fuzz_program() {
    local output=$1 module=$2
    shift 2
    local flags=()
    while [[ $1 != -- ]]; do
        flags+=("$1")
        shift
    done
    shift
    local dir
    dir=$(dirname "$output")
    swiftc -parse-as-library -module-name Wire -wmo "${flags[@]}" \
        -emit-module -emit-module-path "$dir/Wire.swiftmodule" \
        -c Sources/Wire/*.swift -o "$dir/Wire.o"
    # lld, because gold prints a warning for every ASan helper symbol it cannot export.
    swiftc -parse-as-library -module-name "$module" "${flags[@]}" -use-ld=lld -I "$dir" \
        "$@" "$dir/Wire.o" -o "$output"
}

# build_wire_fuzzer OUTPUT: the libFuzzer binary, with ASan, over every Wire decoder.
build_wire_fuzzer() {
    build_fuzz_program "$1" WireFuzzer -O -g -sanitize=fuzzer,address -- \
        Fuzz/WireFuzzer/WireFuzzer.swift Tests/WireTests/FuzzProperty.swift
}
