#!/usr/bin/env bash
# `make bench`: the benchmarks natively and in wasm (Node) over the 100,000-debtor data set,
# generated once into build/bench-data. Prints one JSON line per benchmark and platform.
# Set RECOBRA_BENCH_DEBTORS to use a smaller data set.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD:-$root/build}"
debtors="${RECOBRA_BENCH_DEBTORS:-100000}"
data="$build/bench-data/dataset-$debtors.json"
mkdir -p "$build/bench-data"
if [[ ! -s "$data" ]]; then
    echo "generating $debtors debtors into $data" >&2
    "$build/native/recobra" generate --debtors "$debtors" --seed 1 --out "$data.tmp" >&2
    mv "$data.tmp" "$data"
fi
benches=("$@")
if [[ ${#benches[@]} -eq 0 ]]; then
    for f in "$root"/bench/*_bench.cpp; do benches+=("$(basename "$f" .cpp)"); done
fi
for name in "${benches[@]}"; do
    "$build/native/bench/$name" "$data"
    node --no-experimental-fetch "$build/wasm/bench/$name.js" "$data"
done
