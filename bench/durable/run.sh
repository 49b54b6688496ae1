#!/bin/sh
# Journal / ResultStore throughput against the raw pwrite+fdatasync floor on the same disk.
# usage: bench/durable/run.sh [directory on the disk to measure]   (default /tmp)
set -e
cd "$(dirname "$0")/../.."
out=.build/durable-bench
mods=.build/durable-modules
mkdir -p "$mods"
clang -O2 -c -I Sources/CCRC32C/include -o "$mods/crc32c.o" Sources/CCRC32C/crc32c.c
# The modules the journal and the output store import, each compiled as its own module.
module() {   # NAME SOURCES…
    name=$1; shift
    swiftc -O -parse-as-library -module-name "$name" -I "$mods" -I Sources/CCRC32C/include \
        -emit-module -emit-module-path "$mods/$name.swiftmodule" -emit-library -static -o "$mods/lib$name.a" "$@"
}
module PositionedIO Sources/PositionedIO/*.swift
module JSONOutput Sources/JSONOutput/*.swift
module JobContract Sources/JobContract/*.swift
swiftc -O -module-name DurableBench -I "$mods" -I Sources/CCRC32C/include -L "$mods" -lJobContract -lJSONOutput -lPositionedIO \
    -o "$out" "$mods/crc32c.o" \
    Sources/Journal/*.swift \
    Sources/Aggregator/ResultStore.swift Sources/Aggregator/ResultStore+Scan.swift \
    Sources/Aggregator/ResultStoreError.swift Sources/Aggregator/JobKey.swift Sources/Aggregator/PosixFile.swift \
    bench/durable/main.swift
exec "$out" "${1:-/tmp}"
