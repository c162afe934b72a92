#!/usr/bin/env bash
# Build-time benchmarks of error-table (see BENCHMARKS.md). Not a test.
#
#   bash benches/build-times.sh [check] [clean] [codegen]   (default: all three)
#
#   check    `cargo check` after `touch src/lib.rs` of a crate calling
#            `include_error_table!` on a synthetic table, against the same
#            crate with the expansion pasted in (`error-table expand`), the
#            derive stack (thiserror + strum + serde) and hand-written code,
#            at each size; `macro-opt` is the macro crate with the proc macro
#            built optimized. Measured side by side in one hyperfine run.
#   clean    a clean `cargo build` of a crate depending on `error-table`
#            against one depending on thiserror + strum + serde, each on the
#            20-row table, each from an empty target directory.
#   codegen  the pipeline alone (criterion bench `codegen`).
#   paired   after `check`: the macro, the macro optimized and the pasted
#            expansion in alternating rounds (PAIRED_RUNS, default 15),
#            medians and ratios; steadier than `check` on a drifting VM.
#   locales  `cargo check` after `touch` of the macro crate and of the
#            pasted expansion with 0, 5, 20 and 40 translations
#            (LOCALE_COUNTS) at 20 and 2,000 rows (LOCALE_SIZES), every
#            configuration once per round, LOCALE_RUNS rounds (default 5):
#            median CPU time (user + sys) and peak memory (max RSS, that is
#            rustc's), their ratios to no translations and the cost per
#            locale. LOCALE_REVS names Git revisions whose macro crate is
#            measured in the same rounds, for a before and after.
#
# Environment: SIZES (default "20 2000 10000"), RUNS (default 5 for check,
# CLEAN_RUNS default 3 for clean), WORK (default target/build-times),
# CLEAN_REVS (Git revisions whose `error-table` is also clean-built, for
# instance "HEAD" to compare the work tree with the last commit).
# Needs hyperfine (`apt-get install hyperfine`); falls back to a timing loop.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=${WORK:-$root/target/build-times}
sizes=${SIZES:-"20 2000 10000"}
runs=${RUNS:-5}
clean_runs=${CLEAN_RUNS:-3}
what=${*:-check clean codegen}
mkdir -p "$work"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(rustc -V)"
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"

cargo build --quiet --release -p error-table-cli -p error-table-benches --bin error-table --bin synth
cli=$root/target/release/error-table
synth=$root/target/release/synth

# `bench NAME CMD1 PREP1 CMD2 PREP2 ...`: times the commands side by side,
# each after its own preparation, with hyperfine when there is one.
bench() {
    local name=$1 runs=$2
    shift 2
    if command -v hyperfine > /dev/null; then
        local args=()
        while (($#)); do
            args+=(--command-name "$1" --prepare "$3" "$2")
            shift 3
        done
        hyperfine --style basic --warmup 1 --runs "$runs" \
            --export-json "$work/$name.json" --export-markdown "$work/$name.md" "${args[@]}"
    else
        while (($#)); do
            local total=0
            for _ in $(seq "$runs"); do
                bash -c "$3"
                local start end
                start=$(date +%s.%N)
                bash -c "$2" > /dev/null 2>&1
                end=$(date +%s.%N)
                total=$(echo "$total + $end - $start" | bc)
            done
            echo "$1: mean $(echo "scale=3; $total / $runs" | bc) s"
            shift 3
        done
    fi
}

# `crate DIR NAME DEPS`: a standalone crate (its own workspace) in DIR,
# pinned to the versions of the workspace's Cargo.lock.
crate() {
    local dir=$1 name=$2 deps=$3
    mkdir -p "$dir/src"
    cat > "$dir/Cargo.toml" <<EOF
[package]
name = "$name"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$deps

[workspace]
EOF
    cp "$root/Cargo.lock" "$dir/Cargo.lock"
}

ours_dep="error-table = { path = \"$root/runtime\" }"
derive_deps='serde = { version = "1", features = ["derive"] }
strum = { version = "0.28", features = ["derive"] }
thiserror = "2"'

if [[ " $what " == *" check "* ]]; then
    target=$work/check-target
    for rows in $sizes; do
        dir=$work/check/$rows
        rm -rf "$dir"
        "$synth" "$rows" "$dir/table"
        crate "$dir/macro" "macro-$rows" "$ours_dep"
        cp "$dir/table/errors.md" "$dir/macro/errors.md"
        echo 'error_table::include_error_table!("errors.md");' > "$dir/macro/src/lib.rs"
        # The same crate with the proc macro (and codegen) optimized, as
        # `[profile.dev.build-override] opt-level = 3` does for a user.
        crate "$dir/macro-opt" "macro-opt-$rows" "$ours_dep"
        printf '\n[profile.dev.build-override]\nopt-level = 3\n' >> "$dir/macro-opt/Cargo.toml"
        cp "$dir/table/errors.md" "$dir/macro-opt/errors.md"
        cp "$dir/macro/src/lib.rs" "$dir/macro-opt/src/lib.rs"
        crate "$dir/pasted" "pasted-$rows" "$ours_dep"
        "$cli" expand "$dir/table/errors.md" > "$dir/pasted/src/lib.rs"
        crate "$dir/derive" "derive-$rows" "$derive_deps"
        cp "$dir/table/derive.rs" "$dir/derive/src/lib.rs"
        crate "$dir/hand" "hand-$rows" ""
        cp "$dir/table/hand.rs" "$dir/hand/src/lib.rs"
        for kind in macro macro-opt pasted derive hand; do
            CARGO_TARGET_DIR=$target cargo check --quiet --manifest-path "$dir/$kind/Cargo.toml"
        done
        args=()
        for kind in macro macro-opt pasted derive hand; do
            args+=("$kind-$rows" "CARGO_TARGET_DIR=$target cargo check --quiet --manifest-path $dir/$kind/Cargo.toml" "touch $dir/$kind/src/lib.rs")
        done
        echo "== cargo check after touch, $rows rows"
        bench "check-$rows" "$runs" "${args[@]}"
    done
fi

if [[ " $what " == *" paired "* ]]; then
    # The macro against the pasted expansion in alternating rounds, so that
    # a VM's drift over minutes falls on both alike: the ratio of medians.
    target=$work/check-target
    rounds=${PAIRED_RUNS:-15}
    for rows in $sizes; do
        dir=$work/check/$rows
        [[ -d $dir/pasted ]] || { echo "run \`build-times.sh check\` first" >&2; exit 1; }
        times=$work/paired-$rows.txt
        : > "$times"
        for _ in $(seq "$rounds"); do
            for kind in macro macro-opt pasted; do
                touch "$dir/$kind/src/lib.rs"
                start=$(date +%s%N)
                CARGO_TARGET_DIR=$target cargo check --quiet --manifest-path "$dir/$kind/Cargo.toml"
                echo "$kind $(( $(date +%s%N) - start ))" >> "$times"
            done
        done
        echo "== cargo check after touch, $rows rows, $rounds alternating rounds (median)"
        python3 - "$times" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    kind, ns = line.split()
    runs.setdefault(kind, []).append(int(ns) / 1e6)
pasted = statistics.median(runs["pasted"])
for kind, times in runs.items():
    median = statistics.median(times)
    print(f"{kind:10} {median:8.1f} ms  {median / pasted:.2f}x of pasted")
PY
    done
fi

if [[ " $what " == *" locales "* ]]; then
    # CPU time and peak memory, not wall time: other builds may share the
    # machine, and rounds alternate the configurations so that a drifting
    # load falls on all of them alike.
    target=$work/check-target
    rounds=${LOCALE_RUNS:-5}
    kinds=(macro pasted)
    for rev in ${LOCALE_REVS:-}; do
        mkdir -p "$work/rev-$rev"
        git archive "$rev" | tar -x -C "$work/rev-$rev"
        kinds+=("macro-$rev")
    done
    configs=()
    for rows in ${LOCALE_SIZES:-20 2000}; do
        for locales in ${LOCALE_COUNTS:-0 5 20 40}; do
            dir=$work/locales/$rows-$locales
            rm -rf "$dir"
            "$synth" "$rows" "$dir/table" --locales "$locales" --pasted
            call='error_table::include_error_table!("errors.md");'
            if ((locales > 0)); then
                call='error_table::include_error_table!("errors.md", locales = "errors.*.md");'
            fi
            for kind in "${kinds[@]}"; do
                runtime=$root/runtime
                [[ $kind == macro-* ]] && runtime=$work/rev-${kind#macro-}/runtime
                crate "$dir/$kind" "$(echo "$kind-$rows-$locales" | tr -c 'a-zA-Z0-9\n' -)" \
                    "error-table = { path = \"$runtime\" }"
                if [[ $kind == pasted ]]; then
                    cp "$dir/table/pasted.rs" "$dir/$kind/src/lib.rs"
                else
                    cp "$dir/table/"errors*.md "$dir/$kind/"
                    echo "$call" > "$dir/$kind/src/lib.rs"
                fi
                CARGO_TARGET_DIR=$target cargo check --quiet --manifest-path "$dir/$kind/Cargo.toml"
                configs+=("$kind $rows $locales")
            done
        done
    done
    times=$work/locales.txt
    : > "$times"
    for _ in $(seq "$rounds"); do
        for config in "${configs[@]}"; do
            read -r kind rows locales <<< "$config"
            dir=$work/locales/$rows-$locales/$kind
            touch "$dir/src/lib.rs"
            measured=$( { CARGO_TARGET_DIR=$target /usr/bin/time -f '%e %U %S %M' \
                cargo check --quiet --manifest-path "$dir/Cargo.toml" > /dev/null; } 2>&1 | tail -1)
            echo "$config $measured" >> "$times"
        done
    done
    echo "== cargo check after touch with translations, $rounds alternating rounds (median)"
    echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    python3 - "$times" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    kind, rows, locales, wall, user, system, rss = line.split()
    runs.setdefault((kind, int(rows), int(locales)), []).append(
        (float(wall), float(user) + float(system), int(rss) / 1024))
median = {key: tuple(statistics.median(run[i] for run in values) for i in range(3))
          for key, values in runs.items()}
print("| crate | rows | locales | wall | CPU | peak memory | CPU / 0 locales | memory / 0 locales |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for (kind, rows, locales), (wall, cpu, rss) in sorted(median.items()):
    base = median.get((kind, rows, 0))
    ratios = f"{cpu / base[1]:.2f}x | {rss / base[2]:.2f}x" if base else "- | -"
    print(f"| {kind} | {rows} | {locales} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MiB | {ratios} |")
print()
print("per locale (least-squares slope over the locale counts, and the largest")
print("distance of a median from that line, as a share of the 0-locale value):")
for kind, rows in sorted({(kind, rows) for kind, rows, _ in median}):
    points = sorted((locales, value) for (k, r, locales), value in median.items()
                    if (k, r) == (kind, rows))
    if len(points) < 2:
        continue
    xs = [locales for locales, _ in points]
    mean_x = statistics.fmean(xs)
    cells = []
    for index, unit in ((1, "s"), (2, "MiB")):
        ys = [value[index] for _, value in points]
        mean_y = statistics.fmean(ys)
        slope = (sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
                 / sum((x - mean_x) ** 2 for x in xs))
        off = max(abs(y - (mean_y + slope * (x - mean_x))) for x, y in zip(xs, ys))
        scale = unit == "s" and 1000 or 1
        cells.append(f"{slope * scale:.1f} {'ms' if unit == 's' else unit}/locale "
                     f"(off the line by at most {off / ys[0]:.0%})")
    print(f"  {kind} {rows} rows: CPU {cells[0]}, memory {cells[1]}")
PY
fi

if [[ " $what " == *" clean "* ]]; then
    dir=$work/clean
    rm -rf "$dir"
    "$synth" 20 "$dir/table"
    crate "$dir/ours" clean-ours "$ours_dep"
    cp "$dir/table/errors.md" "$dir/ours/errors.md"
    echo 'error_table::include_error_table!("errors.md");' > "$dir/ours/src/lib.rs"
    crate "$dir/derive" clean-derive "$derive_deps"
    cp "$dir/table/derive.rs" "$dir/derive/src/lib.rs"
    kinds=(ours derive)
    for rev in ${CLEAN_REVS:-}; do
        mkdir -p "$dir/rev-$rev"
        git archive "$rev" | tar -x -C "$dir/rev-$rev"
        crate "$dir/ours-$rev" "clean-ours-$(echo "$rev" | tr -c 'a-zA-Z0-9\n' -)" \
            "error-table = { path = \"$dir/rev-$rev/runtime\" }"
        cp "$dir/table/errors.md" "$dir/ours-$rev/errors.md"
        cp "$dir/ours/src/lib.rs" "$dir/ours-$rev/src/lib.rs"
        kinds+=("ours-$rev")
    done
    args=()
    for kind in "${kinds[@]}"; do
        # Resolves and fetches once, outside the measurement.
        CARGO_TARGET_DIR=$dir/target-$kind cargo fetch --quiet --manifest-path "$dir/$kind/Cargo.toml"
        args+=("$kind" "CARGO_TARGET_DIR=$dir/target-$kind cargo build --quiet --offline --manifest-path $dir/$kind/Cargo.toml" "rm -rf $dir/target-$kind")
    done
    echo "== clean cargo build of the dependency tree and a 20-row table"
    bench clean "$clean_runs" "${args[@]}"
    # Where the time goes, for BENCHMARKS.md: cargo's own timings report.
    for kind in "${kinds[@]}"; do
        rm -rf "$dir/target-$kind"
        CARGO_TARGET_DIR=$dir/target-$kind cargo build --quiet --offline --timings \
            --manifest-path "$dir/$kind/Cargo.toml"
        echo "timings: $(ls "$dir/target-$kind"/cargo-timings/cargo-timing-*.html | tail -1)"
    done
fi

if [[ " $what " == *" codegen "* ]]; then
    echo "== the pipeline alone (criterion, optimized)"
    cargo bench -p error-table-benches --bench codegen -- codegen/
fi
