#!/usr/bin/env bash
# Segmenter bar, one run: release build, then exactness vs Python jieba (tokens F1, keyword
# overlap) on the whole corpus, then single-core throughput vs rjieba and jieba, and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product reportq >/dev/null
python3 bench/segment_compare.py --reportq .build/release/reportq --show 3 ../shared/corpus/*.txt
python3 bench/segment_speed.py --reportq .build/release/reportq "$@"
