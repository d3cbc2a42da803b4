#!/usr/bin/env bash
# Runs one fuzz target for a bounded time over a fresh copy of its seeds (fuzz/README.md):
#
#   fuzz/run.sh TARGET FUZZ_DIR SECONDS     e.g. fuzz/run.sh csv build/asan/fuzz 15
#
# TARGET is backup, codec, csv or image; FUZZ_DIR the sanitizer build's fuzz folder (its
# fuzz-TARGET binary and seeds/TARGET, made at build time). The committed inputs of
# fuzz/corpus/TARGET join the seeds. What the run finds is kept in FUZZ_DIR/findings/TARGET
# (the input, minimized, and the log); the copy of the corpus is thrown away. Prints how many
# inputs it ran; exits 1 on a finding.
set -euo pipefail

if [ $# -ne 3 ]; then
    echo "usage: $0 TARGET FUZZ_DIR SECONDS" >&2
    exit 2
fi
target=$1
dir=$(cd "$2" 2>/dev/null && pwd) || { echo "fuzz-$target: $2 not found: build the sanitizer configuration with clang (make asan)" >&2; exit 1; }
seconds=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fuzzer="$dir/fuzz-$target"

# The largest input each target is given: a few times its largest seed.
case "$target" in
backup) max_len=65536 ;;  # small generated books are 8 to 30 KB
codec) max_len=4096 ;;    # one event's line is a few hundred bytes
csv) max_len=16384 ;;     # tens of invoice rows
image) max_len=16384 ;;   # the image of a small book (6 KB)
*)
    echo "fuzz: unknown target '$target' (backup, codec, csv, image)" >&2
    exit 2
    ;;
esac

if [ ! -x "$fuzzer" ]; then
    echo "fuzz-$target: $fuzzer not found: the sanitizer build makes it when built with clang (make asan)" >&2
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/recobra-fuzz-$target.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/artifacts"
for seeds in "$dir/seeds/$target" "$here/corpus/$target"; do
    if [ -d "$seeds" ]; then cp -R "$seeds/." "$work/corpus/"; fi
done
seeded=$(find "$work/corpus" -type f | wc -l)

# -timeout: one input taking this long is a hang. -rss_limit_mb: the process's memory (inputs
# are at most max_len). Reports: the sanitizers' and libFuzzer's own; a trap is a property of
# the target's broken (its message says which).
status=0
# FUZZ_SEED: libFuzzer's random seed (0, the default: a new one each run).
(cd "$work" && "$fuzzer" -seed="${FUZZ_SEED:-0}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
    -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/corpus" >"$work/log" 2>&1) || status=$?

runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1)
if [ "$status" -eq 0 ]; then
    echo "fuzz-$target: ${runs:-?} inputs in ${seconds} s, from $seeded seeds, nothing found"
    exit 0
fi

# A finding: the report, and the input kept (minimized when possible) with its log.
found="$dir/findings/$target"
mkdir -p "$found"
cp "$work/log" "$found/last.log"
echo "fuzz-$target: FOUND something after ${runs:-?} inputs (exit $status); the report:" >&2
grep -v '^#[0-9]' "$work/log" | tail -n 60 >&2
# What a report is about: the property the target says is broken, or the sanitizer's summary.
signature() { grep -m1 -E '^\*\*\* fuzz property violated|^SUMMARY:' "$1" || true; }
expected=$(signature "$work/log")
for artifact in "$work/artifacts"/*; do
    [ -f "$artifact" ] || continue
    name=$(basename "$artifact")
    cp "$artifact" "$found/$name"
    echo "fuzz-$target: the input is kept in $found/$name" >&2
    # Minimized, it must still break the same thing (libFuzzer takes any crash as the same).
    "$fuzzer" -minimize_crash=1 -max_total_time=30 -timeout=10 -exact_artifact_path="$found/$name.min" \
        "$artifact" >"$found/$name.minimize.log" 2>&1 || true
    if [ -f "$found/$name.min" ]; then
        "$fuzzer" "$found/$name.min" >"$found/$name.min.log" 2>&1 || true
        if [ "$(signature "$found/$name.min.log")" = "$expected" ]; then
            echo "fuzz-$target: minimized: $found/$name.min" >&2
        else
            rm -f "$found/$name.min" "$found/$name.min.log"
        fi
    fi
done
exit 1
