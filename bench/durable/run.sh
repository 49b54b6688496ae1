#!/bin/sh
# Journal / ResultStore throughput against the raw pwrite+fdatasync floor on the same disk.
# usage: bench/durable/run.sh [directory on the disk to measure]   (default /tmp)
set -e
cd "$(dirname "$0")/../.."
out=.build/durable-bench
mkdir -p .build
clang -O2 -c -I Sources/CCRC32C/include -o .build/durable-crc32c.o Sources/CCRC32C/crc32c.c
swiftc -O -module-name DurableBench -o "$out" -I Sources/CCRC32C/include .build/durable-crc32c.o \
    Sources/Journal/*.swift \
    Sources/Aggregator/ResultStore.swift Sources/Aggregator/ResultStore+Scan.swift \
    Sources/Aggregator/ResultStoreError.swift Sources/Aggregator/JobKey.swift Sources/Aggregator/PosixFile.swift \
    bench/durable/main.swift
exec "$out" "${1:-/tmp}"
