#!/usr/bin/env bash
# Load benchmark of the example service (see BENCHMARKS.md). Not a test.
#
#   bash benches/load.sh
#
# `examples/service` (ErrorLayer, localization, rejections) answers
# `GET /api/files/0xZZ` with a German `Accept-Language`: a 400 envelope in
# German with a new correlation ID. Two plain axum handlers of
# `examples/load_baseline.rs` answer the same route: `baseline` with the
# same bytes, captured from the service first; `by_hand` by doing the
# same work by hand (a UUID, the German message, a serde-derived envelope,
# the headers). Each server runs alone on 127.0.0.1 under wrk, in
# alternating rounds, the server on one core and wrk on the other when
# `taskset` is there; the script prints requests per second and p99
# latency of each round and the server's CPU time (user and system, from
# /proc) per request, their medians, and the ratios of the service to
# each baseline (throughput baseline / service, so that all read "times
# slower"): the ratio of the medians, and the median of each round's own
# ratio with its range. A round's ratio compares runs seconds apart: the
# machine's speed drifts by a fifth between rounds, more than the servers
# differ, so many short rounds say more than a few long ones, and every
# other round runs the servers in the reverse order.
#
# Environment: ROUNDS (default 4: even, for the alternating order),
# DURATION (default 10s), CONNECTIONS (default 16), THREADS (wrk's,
# default 1). Needs wrk (`apt-get install wrk`) and curl. The servers
# are stopped when the script ends.
#
# With INSTRUCTIONS=1, instead of the rounds, each server runs under
# callgrind (valgrind) for one wrk run of 15 s with 4 connections, and the
# script prints its user-space instructions per request: the program's
# total (start-up included, a few hundredths of it) over wrk's requests.
# Unlike the rounds' times, these do not depend on the machine's load.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-4}
duration=${DURATION:-10s}
connections=${CONNECTIONS:-16}
threads=${THREADS:-1}
instructions=${INSTRUCTIONS:-}
language="de-DE,de;q=0.9,en;q=0.5"
path=/api/files/0xZZ
work=target/load
mkdir -p "$work"
tools=(wrk curl)
[[ -z $instructions ]] || tools+=(valgrind)
for tool in "${tools[@]}"; do
    command -v "$tool" > /dev/null || { echo "needs $tool (apt-get install -y $tool)" >&2; exit 1; }
done

echo "== machine: $(nproc) cores, $(rustc -V), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
cargo build --quiet --release --example service --example load_baseline

# The server on core 1, wrk on core 0, so that they do not take turns on
# one core (the machine has two).
server_core=() client_core=()
# (Not under valgrind, which would count `taskset` and not what it runs.)
if [[ -z $instructions ]] && command -v taskset > /dev/null && (( $(nproc) >= 2 )); then
    server_core=(taskset -c 1) client_core=(taskset -c 0)
fi

declare -A pid url
trap 'kill "${pid[@]}" 2> /dev/null || true' EXIT

# The number of requests of the wrk report `$1`.
requests_in() {
    awk '/requests in/ {print $1}' "$1"
}

# `start NAME CMD...`: runs a server on a free port; its process ID in
# `pid[NAME]`, its base URL in `url[NAME]`.
start() {
    local name=$1 log=$work/$1.log
    shift
    local counted=()
    [[ -z $instructions ]] || counted=(valgrind --tool=callgrind --callgrind-out-file="$work/$name.callgrind")
    "${counted[@]}" "$@" > "$log" 2>&1 &
    pid[$name]=$!
    # Under valgrind a server takes seconds to start.
    for _ in $(seq 300); do
        if grep -q '^serving on ' "$log"; then
            url[$name]=$(sed -n 's/^serving on //p' "$log" | head -1)
            return
        fi
        sleep 0.1
    done
    echo "$name did not start: $(cat "$log")" >&2
    exit 1
}

start service "${server_core[@]}" target/release/examples/service serve 127.0.0.1:0
curl -si -H "accept-language: $language" "${url[service]}$path" > "$work/response.txt"
start baseline "${server_core[@]}" target/release/examples/load_baseline 127.0.0.1:0 "$work/response.txt"
start by_hand "${server_core[@]}" target/release/examples/load_baseline 127.0.0.1:0 --by-hand
echo "== the response (the baseline sends these bytes, by_hand the same with its own ID):"
sed 's/^/   /' "$work/response.txt"; echo

if [[ -n $instructions ]]; then
    for name in service baseline by_hand; do
        "${client_core[@]}" wrk -t1 -c4 -d15s -H "accept-language: $language" \
            "${url[$name]}$path" > "$work/$name-counted.txt"
        # valgrind writes its counts when the server stops (on TERM).
        kill -TERM "${pid[$name]}"
        wait "${pid[$name]}" 2> /dev/null || true
        requests=$(requests_in "$work/$name-counted.txt")
        total=$(callgrind_annotate "$work/$name.callgrind" 2> /dev/null |
            awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
        echo "== $name: $(( total / requests )) instructions a request ($requests requests)"
    done
    exit
fi

# The CPU time the process `$1` has taken, user and system, in clock
# ticks.
cpu_ticks() {
    awk '{print $14 + $15}' "/proc/$1/stat"
}

# `run NAME ROUND`: one wrk run against server NAME, its requests/s, p99
# in ms and the server's CPU time per request in µs.
run() {
    local out=$work/$1-$2.txt before
    before=$(cpu_ticks "${pid[$1]}")
    "${client_core[@]}" wrk -t"$threads" -c"$connections" -d"$duration" --latency \
        -H "accept-language: $language" "${url[$1]}$path" > "$out"
    local rps p99 requests cpu
    requests=$(requests_in "$out")
    cpu=$(awk -v ticks=$(( $(cpu_ticks "${pid[$1]}") - before )) -v hz="$(getconf CLK_TCK)" \
        -v n="$requests" 'BEGIN {printf "%.2f", ticks / hz / n * 1e6}')
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
    p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/, "", v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v*=1000}; print v}' "$out")
    echo "$1 $2 $rps $p99 $cpu" | tee -a "$work/results.txt"
}

: > "$work/results.txt"
echo "== name round requests/s p99-ms cpu-µs/request"
# Every other round in the reverse order, so that a drift of the
# machine's speed through a round favours neither server.
for round in $(seq "$rounds"); do
    order=(service baseline by_hand)
    (( round % 2 )) || order=(by_hand baseline service)
    for name in "${order[@]}"; do run "$name" "$round"; done
done

python3 - "$work/results.txt" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
median = lambda name, col: statistics.median(float(r[col]) for r in rows if r[0] == name)
s_rps, s_p99 = median("service", 2), median("service", 3)
print(f"== medians: service {s_rps:,.0f} req/s, p99 {s_p99:.2f} ms")
# Each round's ratio, from the rows of one round.
def per_round(name, col, service_over):
    by_round = {}
    for r in rows:
        by_round.setdefault(r[1], {})[r[0]] = float(r[col])
    ratios = sorted(
        (b["service"] / b[name]) if service_over else (b[name] / b["service"])
        for b in by_round.values() if "service" in b and name in b
    )
    return f"{statistics.median(ratios):.3f}x (rounds {ratios[0]:.2f}-{ratios[-1]:.2f})"
for name in ["baseline", "by_hand"]:
    rps, p99 = median(name, 2), median(name, 3)
    print(f"== {name}: {rps:,.0f} req/s, p99 {p99:.2f} ms; throughput {name}/service {rps / s_rps:.3f}x, p99 service/{name} {s_p99 / p99:.3f}x (target <= 1.10x)")
    print(f"   median of the rounds' ratios: throughput {per_round(name, 2, False)}, p99 {per_round(name, 3, True)}")
    s_cpu, cpu = median("service", 4), median(name, 4)
    print(f"   CPU time a request: service {s_cpu:.2f} µs, {name} {cpu:.2f} µs, {s_cpu / cpu:.3f}x; median of the rounds' ratios {per_round(name, 4, True)}")
PY
