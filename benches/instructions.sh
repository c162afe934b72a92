#!/usr/bin/env bash
# Instructions per iteration of run-time benchmarks, counted by callgrind:
# deterministic, unlike times on a busy machine. See BENCHMARKS.md.
#
#   bash benches/instructions.sh 'display/20/ours/1 hole' 'display/20/hand/1 hole' ...
#   bash benches/instructions.sh all        # every benchmark of the 20 and 2,000-row tables
#   BENCH=path/to/runtime-… bash benches/instructions.sh …   # another build of the benches
#   BENCH_TARGET=server bash benches/instructions.sh 'service/layer, de-DE'   # the server bench
#
# The bench binary runs only the named benchmark, N times, when
# ERROR_TABLE_COUNT=ID:N is set; the count is the difference between runs of
# 2N and N iterations divided by N, so that setup is not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-20000}
# BENCH names another bench binary, such as one built from an older
# revision, to count the same benchmarks in it.
bench=${BENCH:-}
target=${BENCH_TARGET:-runtime}
if [[ -z $bench ]]; then
    cargo bench --quiet -p error-table-benches --bench "$target" --no-run 2> /dev/null
    bench=$(ls -t target/release/deps/"$target"-* | grep -v '\.d$' | head -1)
fi
ids=("$@")
if [[ ${1:-} == all ]]; then
    ids=()
    for rows in 20 2000; do
        for impl in ours hand derive; do
            for case in "0 holes" "1 hole" "2 holes"; do ids+=("display/$rows/$impl/$case"); done
            for case in hit miss; do ids+=("from_code/$rows/$impl/$case"); done
        done
    done
    for group in envelope_encode envelope_decode; do
        for impl in ours hand derive; do ids+=("$group/20/$impl"); done
    done
    ids+=("decode_typed/20/ours" "decode_typed/20/hand")
    for group in localized localized_message; do
        for rows in 20 2000; do
            for impl in ours hand; do
                for case in "0 holes" "1 hole" "2 holes"; do ids+=("$group/$rows/$impl/$case"); done
            done
        done
    done
fi
count() {
    ERROR_TABLE_COUNT="$1:$2" valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        "$bench" --bench 2>&1 | sed -n "s/.*Collected : \([0-9]*\).*/\1/p" | tail -1
}
echo "| benchmark | instructions per iteration |"
echo "|---|---:|"
for id in "${ids[@]}"; do
    once=$(count "$id" "$n")
    twice=$(count "$id" $((2 * n)))
    echo "| $id | $(( (twice - once) / n )) |"
done
