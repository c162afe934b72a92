#!/usr/bin/env bash
# Fuzzing error-table on stable Rust with cargo-fuzz (`--sanitizer none`).
#
#   fuzz/run.sh seed                 fill fuzz/corpus/<target>/ from the spec, the UI fixtures and the seed pages
#   fuzz/run.sh ci [SECONDS]         bounded pass over every target (default 60 s each); exit 0 when nothing is found
#   fuzz/run.sh long [TARGET] [SECONDS]  a long campaign on one target (default pipeline, 1800 s), niced, one job
#   fuzz/run.sh tmin TARGET CRASH    minimise a crash found in fuzz/artifacts/<target>/
#
# Targets: `pipeline` (bytes -> SourceFile -> generate -> rendered diagnostics),
# `envelope` (bytes -> Envelope and the generated ErrorCode via serde_json),
# `translation` (bytes as a translation of spec/errors.md) and `lockfile`
# (bytes as a contract lockfile, which must write back and read again).
# cargo-fuzz is installed when missing (about 35 s).
set -euo pipefail
cd "$(dirname "$0")"

targets=(pipeline envelope translation lockfile)

ensure_cargo_fuzz() {
    if ! cargo fuzz --version >/dev/null 2>&1; then
        cargo install cargo-fuzz --locked
    fi
}

# Copies files into a corpus directory, named by their path.
seed_from() {
    local dir=$1 file name
    shift
    mkdir -p "corpus/$dir"
    for file in "$@"; do
        [ -f "$file" ] || continue
        name=${file#../}
        name=${name#../}
        cp "$file" "corpus/$dir/${name//\//-}"
    done
}

seed() {
    seed_from pipeline ../spec/*.md ../tests/ui/fixtures/*.md ../tests/fixtures/*.md ../../shared/seeds/*.md
    seed_from translation ../spec/errors.*.md ../tests/ui/fixtures/translations/*.md ../../shared/seeds/*.md
    seed_from lockfile ../spec/*.lock ../tests/ui/fixtures/*.lock
    mkdir -p corpus/envelope
    printf '%s' '{"error":{"code":"InvalidHashValue","message":"Hash value 0xZZ is invalid.","target":"43f4cb08"}}' >corpus/envelope/full
    printf '%s' '{"error":{"code":"NotFound","message":"Gone \u00e9 \"q\" \\\\"}}' >corpus/envelope/escapes
    printf '%s' '"MaximumBatchSizeExceeded"' >corpus/envelope/code
    printf '%s' 'Unauthorized' >corpus/envelope/bare-code
}

run() {
    local target=$1
    shift
    cargo fuzz run "$target" --sanitizer none "corpus/$target" -- "$@"
}

case "${1:-ci}" in
seed)
    seed
    ;;
ci)
    seconds=${2:-60}
    ensure_cargo_fuzz
    seed
    for target in "${targets[@]}"; do
        # libFuzzer talks a lot: keep its log, show it only on a finding.
        log="fuzz-ci-$target.log"
        if run "$target" -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1; then
            echo "fuzz $target: $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') inputs in ${seconds} s, no finding"
        else
            tail -n 60 "$log"
            echo "fuzz $target: FINDING, see fuzz/artifacts/$target/ and fuzz/$log"
            exit 1
        fi
    done
    ;;
long)
    target=${2:-pipeline}
    seconds=${3:-1800}
    ensure_cargo_fuzz
    seed
    cargo fuzz build "$target" --sanitizer none
    # The built binary itself, so that edits to the workspace during a long
    # run neither rebuild nor break it. With -jobs, libFuzzer logs to
    # fuzz-0.log and restarts the worker after a finding.
    mkdir -p "artifacts/$target"
    nice -n 10 "target/$(rustc -vV | sed -n 's/^host: //p')/release/$target" \
        -artifact_prefix="artifacts/$target/" -jobs=1 -workers=1 \
        -max_total_time="$seconds" -print_final_stats=1 "corpus/$target"
    ;;
tmin)
    ensure_cargo_fuzz
    cargo fuzz tmin "$2" --sanitizer none "$3"
    ;;
*)
    sed -n '2,13p' "$0"
    exit 2
    ;;
esac
