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
#            (with default features, then with each optional feature:
#            CLEAN_FEATURES) against one depending on thiserror + strum +
#            serde, each on the 20-row table, each from an empty target
#            directory, in alternating rounds (CLEAN_RUNS, default 3): CPU
#            time and peak memory too; CLEAN_TIMINGS=1 adds cargo's timings
#            report of each.
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
#            measured in the same rounds, for a before and after;
#            LOCALE_CARGO="build --release" builds instead of checking.
#   memory   a debug `cargo build` after `touch` at 10,000 rows
#            (MEMORY_SIZES) of the macro crate, the pasted expansion, the
#            derive stack and hand-written code, alternating (MEMORY_RUNS,
#            default 3): rustc's peak memory and CPU time.
#
# Environment: SIZES (default "20 2000 10000"), RUNS (default 5 for check,
# CLEAN_RUNS default 3 for clean), WORK (default target/build-times),
# CLEAN_REVS (Git revisions whose `error-table` is also clean-built, for
# instance "HEAD" to compare the work tree with the last commit).
# `check` needs hyperfine (`apt-get install hyperfine`) and falls back to a
# timing loop; the other modes time with GNU time (`/usr/bin/time`).
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

# `timed FILE LABEL COMMAND...`: runs COMMAND (its standard output
# dropped) under GNU time and appends `LABEL wall cpu max-rss-KiB` to FILE,
# CPU time being user + system of cargo and the compilers it runs, and the
# peak memory that of the largest of them (rustc's).
timed() {
    local file=$1 label=$2 report=$work/time-report.txt
    shift 2
    /usr/bin/time -o "$report" -f '%e %U %S %M' "$@" > /dev/null
    local wall user system rss
    read -r wall user system rss < "$report"
    echo "$label $wall $(echo "$user + $system" | bc) $rss" >> "$file"
}

# `medians FILE`: the median wall time, CPU time and peak memory of each
# label of FILE, as a Markdown table, with each label's ratio to the label
# `base` names for it (`base` is a Python expression of `key`, the label
# split at spaces, giving the baseline's label or None).
medians() {
    python3 - "$@" <<'PY'
import statistics, sys
path, base = sys.argv[1], sys.argv[2]
runs, order = {}, []
for line in open(path):
    *key, wall, cpu, rss = line.split()
    key = " ".join(key)
    if key not in runs:
        order.append(key)
    runs.setdefault(key, []).append((float(wall), float(cpu), int(rss) / 1024))
median = {key: [statistics.median(run[i] for run in values) for i in range(3)]
          for key, values in runs.items()}
print("| build | wall | CPU | peak memory | wall / base | CPU / base | memory / base | runs |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for key in order:
    wall, cpu, rss = median[key]
    baseline = median.get(eval(base, {"key": key.split()}))
    ratios = (f"{wall / baseline[0]:.2f}x | {cpu / baseline[1]:.2f}x | {rss / baseline[2]:.2f}x"
              if baseline else "- | - | -")
    print(f"| {key} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MiB | {ratios} | {len(runs[key])} |")
PY
}

# `rev_runtime REV`: the `runtime/` of Git revision REV, unpacked once.
rev_runtime() {
    local dir=$work/rev-$1
    if [[ ! -d $dir ]]; then
        mkdir -p "$dir"
        git archive "$1" | tar -x -C "$dir"
    fi
    echo "$dir/runtime"
}

if [[ " $what " == *" locales "* ]]; then
    # CPU time and peak memory rather than wall time, for a machine that
    # other builds may share; rounds alternate the configurations, so that
    # a drifting load falls on all of them alike. LOCALE_CARGO (default
    # `check`) can be `build --release`, for instance.
    target=$work/locales-target
    rounds=${LOCALE_RUNS:-5}
    command=${LOCALE_CARGO:-check}
    kinds=(macro pasted)
    for rev in ${LOCALE_REVS:-}; do
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
                [[ $kind == macro-* ]] && runtime=$(rev_runtime "${kind#macro-}")
                crate "$dir/$kind" "$(echo "$kind-$rows-$locales" | tr -c 'a-zA-Z0-9\n' -)" \
                    "error-table = { path = \"$runtime\" }"
                if [[ $kind == pasted ]]; then
                    cp "$dir/table/pasted.rs" "$dir/$kind/src/lib.rs"
                else
                    cp "$dir/table/"errors*.md "$dir/$kind/"
                    echo "$call" > "$dir/$kind/src/lib.rs"
                fi
                # shellcheck disable=SC2086 # the command's words
                CARGO_TARGET_DIR=$target cargo $command --quiet --manifest-path "$dir/$kind/Cargo.toml"
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
            # shellcheck disable=SC2086
            timed "$times" "$config" env CARGO_TARGET_DIR="$target" \
                cargo $command --quiet --manifest-path "$dir/Cargo.toml"
        done
    done
    echo "== cargo $command after touch with translations, $rounds alternating rounds (median)"
    echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    medians "$times" 'f"{key[0]} {key[1]} 0"'
    python3 - "$times" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    kind, rows, locales, wall, cpu, rss = line.split()
    runs.setdefault((kind, int(rows)), {}).setdefault(int(locales), []).append(
        (float(cpu), int(rss) / 1024))
print()
print("Per locale: the least-squares slope over the locale counts, and how far")
print("the farthest median lies from that line, as a share of the 0-locale value.")
print()
print("| build | rows | CPU per locale | off the line | memory per locale | off the line |")
print("|---|---:|---:|---:|---:|---:|")
for (kind, rows), by_count in sorted(runs.items()):
    points = sorted((count, [statistics.median(run[i] for run in values) for i in range(2)])
                    for count, values in by_count.items())
    if len(points) < 2:
        continue
    xs = [count for count, _ in points]
    cells = []
    for index, unit, scale in ((0, "ms", 1000), (1, "MiB", 1)):
        ys = [value[index] for _, value in points]
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        slope = (sum((x - mx) * (y - my) for x, y in zip(xs, ys))
                 / sum((x - mx) ** 2 for x in xs))
        off = max(abs(y - (my + slope * (x - mx))) for x, y in zip(xs, ys))
        cells += [f"{slope * scale:.1f} {unit}", f"{off / ys[0]:.0%}"]
    print(f"| {kind} | {rows} | " + " | ".join(cells) + " |")
PY
fi

if [[ " $what " == *" memory "* ]]; then
    # A debug `cargo build` after `touch` of the macro crate, the pasted
    # expansion, the derive stack and hand-written code at MEMORY_SIZES
    # (default 10000) rows: rustc's peak memory with code generation.
    target=$work/memory-target
    rounds=${MEMORY_RUNS:-3}
    configs=()
    for rows in ${MEMORY_SIZES:-10000}; do
        dir=$work/memory/$rows
        rm -rf "$dir"
        "$synth" "$rows" "$dir/table" --pasted
        crate "$dir/macro" "memory-macro-$rows" "$ours_dep"
        cp "$dir/table/errors.md" "$dir/macro/errors.md"
        echo 'error_table::include_error_table!("errors.md");' > "$dir/macro/src/lib.rs"
        crate "$dir/pasted" "memory-pasted-$rows" "$ours_dep"
        cp "$dir/table/pasted.rs" "$dir/pasted/src/lib.rs"
        crate "$dir/derive" "memory-derive-$rows" "$derive_deps"
        cp "$dir/table/derive.rs" "$dir/derive/src/lib.rs"
        crate "$dir/hand" "memory-hand-$rows" ""
        cp "$dir/table/hand.rs" "$dir/hand/src/lib.rs"
        for kind in macro pasted derive hand; do
            CARGO_TARGET_DIR=$target cargo build --quiet --manifest-path "$dir/$kind/Cargo.toml"
            configs+=("$kind $rows")
        done
    done
    times=$work/memory.txt
    : > "$times"
    for _ in $(seq "$rounds"); do
        for config in "${configs[@]}"; do
            read -r kind rows <<< "$config"
            touch "$work/memory/$rows/$kind/src/lib.rs"
            timed "$times" "$config" env CARGO_TARGET_DIR="$target" \
                cargo build --quiet --manifest-path "$work/memory/$rows/$kind/Cargo.toml"
        done
    done
    echo "== debug cargo build after touch, $rounds alternating rounds (median)"
    echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    medians "$times" 'f"hand {key[1]}"'
fi

# `registry_of TREE OUT`: a directory source in OUT that holds error-table's
# crates packaged from source tree TREE (as `cargo publish` would upload
# them) beside the registry's crates their tree needs with every optional
# feature: built from it, they are compiled as a user's build compiles
# crates from crates.io (without incremental compilation, lints capped),
# not as path dependencies, which cargo compiles as the user's own code.
registry_of() {
    local tree=$1 out=$2
    rm -rf "$out" "$out.package" "$out.vendoring"
    cargo package --quiet --no-verify --allow-dirty --manifest-path "$tree/Cargo.toml" \
        --target-dir "$out.package" -p error-table-codegen -p error-table-macros -p error-table
    crate "$out.vendoring" vendoring \
        "error-table = { path = \"$tree/runtime\", features = [\"$(echo "$all_features" | sed 's/ /", "/g')\"] }"
    touch "$out.vendoring/src/lib.rs"
    cargo vendor --quiet --manifest-path "$out.vendoring/Cargo.toml" "$out" > /dev/null
    for package in "$out.package"/package/*.crate; do
        tar -xzf "$package" -C "$out"
        # No checksum to compare: the crates were packaged here.
        echo '{"files":{},"package":null}' > "$out/$(basename "$package" .crate)/.cargo-checksum.json"
    done
    rm -rf "$out.package" "$out.vendoring"
}

if [[ " $what " == *" clean "* ]]; then
    # Each crate from an empty target directory, the registry fetched
    # beforehand; `ours` with each optional feature of `error-table` too,
    # and CLEAN_REVS's `error-table`, in alternating rounds. error-table
    # comes from a directory source of its packaged crates (see
    # `registry_of`), as its peers come from crates.io.
    all_features="cldr json http axum actix-web tracing reqwest openapi utoipa"
    dir=$work/clean
    rm -rf "$dir"
    "$synth" 20 "$dir/table"
    kinds=()
    declare -A sources
    ours_crate() {
        local kind=$1 source=$2 features=$3
        crate "$dir/$kind" "clean-$(echo "$kind" | tr -c 'a-zA-Z0-9\n' -)" \
            "error-table = { version = \"=0.1.0\", features = [$features] }"
        rm "$dir/$kind/Cargo.lock"
        cp "$dir/table/errors.md" "$dir/$kind/errors.md"
        echo 'error_table::include_error_table!("errors.md");' > "$dir/$kind/src/lib.rs"
        sources[$kind]=$source
        kinds+=("$kind")
    }
    registry_of "$root" "$dir/registry"
    ours_crate ours "$dir/registry" ""
    crate "$dir/derive" clean-derive "$derive_deps"
    cp "$dir/table/derive.rs" "$dir/derive/src/lib.rs"
    kinds+=(derive)
    for feature in ${CLEAN_FEATURES:-json http axum actix-web reqwest utoipa}; do
        ours_crate "ours+$feature" "$dir/registry" "\"$feature\""
    done
    for rev in ${CLEAN_REVS:-}; do
        registry_of "$(dirname "$(rev_runtime "$rev")")" "$dir/registry-$rev"
        ours_crate "ours-$rev" "$dir/registry-$rev" ""
    done
    # `from_source KIND`: cargo's flags that take error-table from KIND's
    # source (no flags for the derive stack, which crates.io gives).
    from_source() {
        if [[ -n ${sources[$1]:-} ]]; then
            echo "--config source.crates-io.replace-with=\"built-here\"" \
                "--config source.built-here.directory=\"${sources[$1]}\""
        fi
    }
    for kind in "${kinds[@]}"; do
        # Resolves and fetches once, outside the measurement.
        # shellcheck disable=SC2046 # the flags' words
        cargo fetch --quiet $(from_source "$kind") --manifest-path "$dir/$kind/Cargo.toml"
    done
    times=$work/clean.txt
    : > "$times"
    for _ in $(seq "$clean_runs"); do
        for kind in "${kinds[@]}"; do
            rm -rf "$dir/target-$kind"
            # shellcheck disable=SC2046
            timed "$times" "$kind" env CARGO_TARGET_DIR="$dir/target-$kind" cargo build \
                --quiet --offline $(from_source "$kind") --manifest-path "$dir/$kind/Cargo.toml"
            rm -rf "$dir/target-$kind"
        done
    done
    echo "== clean cargo build of the dependency tree and a 20-row table, $clean_runs alternating rounds (median)"
    echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    medians "$times" '"derive"'
    # The machine's speed drifts between rounds more than the builds
    # differ: each round's ratio to the derive stack's build of the same
    # round, and their median, compare within a round.
    python3 - "$times" <<'PY'
import statistics, sys
rounds, current = [], {}
for line in open(sys.argv[1]):
    kind, wall = line.split()[:2]
    if kind in current:
        rounds.append(current)
        current = {}
    current[kind] = float(wall)
rounds.append(current)
for kind in rounds[0]:
    if kind == "derive":
        continue
    ratios = sorted(r[kind] / r["derive"] for r in rounds if kind in r and "derive" in r)
    shown = " ".join(f"{ratio:.2f}" for ratio in ratios)
    print(f"{kind}: wall / derive per round {shown}; median {statistics.median(ratios):.2f}x")
PY
    if [[ -n ${CLEAN_TIMINGS:-} ]]; then
        # Where the time goes: cargo's own timings report.
        for kind in "${kinds[@]}"; do
            rm -rf "$dir/target-$kind"
            # shellcheck disable=SC2046
            CARGO_TARGET_DIR=$dir/target-$kind cargo build --quiet --offline --timings \
                $(from_source "$kind") --manifest-path "$dir/$kind/Cargo.toml"
            echo "timings: $(ls "$dir/target-$kind"/cargo-timings/cargo-timing-*.html | tail -1)"
        done
    fi
fi

if [[ " $what " == *" codegen "* ]]; then
    echo "== the pipeline alone (criterion, optimized)"
    cargo bench -p error-table-benches --bench codegen -- codegen/
fi
