#!/usr/bin/env bash
# HTTP load benchmark (issue 5): single-event POST /api/v1/events through daylight serve (API key,
# scope check, writer, ledger, every rule, durable commit before the answer) against a bare
# cpp-httplib handler with the same settings, both driven by wrk in the same run.
# Usage: bench/http_load.sh [seconds] [connections]   (needs wrk: apt-get install wrk)
# DAYLIGHT_BIN=path runs another build of daylight (e.g. a copy of an older one, to compare
# two versions alternately in the same minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
conns="${2:-64}"
threads=64
build=build/bench
command -v wrk >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDAYLIGHT_BUILD_TESTS=OFF \
  -DDAYLIGHT_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j2 --target daylight http_bare >/dev/null
bin="${DAYLIGHT_BIN:-$build/src/cli/daylight}"
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

password=$("$bin" --json demo --db "$tmp/h.db" --cases 0 | sed -n 's/.*"password": *"\([^"]*\)".*/\1/p')
"$bin" serve --db "$tmp/h.db" --listen 127.0.0.1:18181 --web "" --threads "$threads" --quiet \
  >"$tmp/serve.out" 2>"$tmp/serve.err" &
pids+=($!)
"$build/bench/http_bare" 18182 "$threads" &
pids+=($!)
for _ in $(seq 50); do curl -sf http://127.0.0.1:18181/healthz >/dev/null && break; sleep 0.2; done

api() { curl -sf -b "$tmp/cookies" -c "$tmp/cookies" -H "Content-Type: application/json" "$@"; }
api -X POST http://127.0.0.1:18181/api/v1/session -d "{\"login\":\"admin\",\"password\":\"$password\"}" \
  >"$tmp/session.json"
csrf=$(sed -n 's/.*"csrf":"\([^"]*\)".*/\1/p' "$tmp/session.json")
power_json=$(api "http://127.0.0.1:18181/api/v1/powers?size=1&category=%E8%A1%8C%E6%94%BF%E8%AE%B8%E5%8F%AF")
power=$(echo "$power_json" | sed -n 's/.*"code":"\([^"]*\)".*/\1/p' | head -n1)
unit=$(echo "$power_json" | sed -n 's/.*"unit":"\([^"]*\)".*/\1/p' | head -n1)
key=$(api -X POST http://127.0.0.1:18181/api/v1/api-keys -H "X-CSRF-Token: $csrf" \
  -d "{\"name\":\"bench\",\"units\":[\"$unit\"]}" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')

run() {  # name url
  DAYLIGHT_KEY="$key" DAYLIGHT_POWER="$power" wrk -t2 -c"$conns" -d"${seconds}s" --latency \
    -s bench/wrk_events.lua "$2" >"$tmp/$1.txt"
  local rps p50 p99
  rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$tmp/$1.txt")
  p50=$(sed -n 's/^ *50% *\(.*\)$/\1/p' "$tmp/$1.txt")
  p99=$(sed -n 's/^ *99% *\(.*\)$/\1/p' "$tmp/$1.txt")
  echo "$1 $rps $p50 $p99"
  grep -E "Non-2xx|Socket errors" "$tmp/$1.txt" || true
}
echo "# wrk -t2 -c$conns -d${seconds}s, server threads $threads, power $power ($unit)"
echo "# name requests/s p50 p99"
bare=$(run bare http://127.0.0.1:18182)
echo "$bare"
daylight=$(run daylight http://127.0.0.1:18181)
echo "$daylight"
awk -v a="$(echo "$daylight" | head -n1 | cut -d' ' -f2)" -v b="$(echo "$bare" | head -n1 | cut -d' ' -f2)" \
  'BEGIN { printf "daylight / bare = %.1f %%\n", 100 * a / b }'
metrics=$(curl -s "http://127.0.0.1:18181/metrics")
recorded=$(echo "$metrics" | sed -n 's/^daylight_events_ingested_total //p')
transactions=$(echo "$metrics" | sed -n 's/^daylight_writer_transactions_total //p')
answered=$(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$tmp/daylight.txt")
echo "events recorded by the server: $recorded (requests answered: $answered)"
awk -v e="$recorded" -v t="$transactions" \
  'BEGIN { printf "writer transactions: %d (%.1f events per transaction)\n", t, e / (t ? t : 1) }'
# Every answered request must be a new event: a duplicate is cheaper and would flatter the rate.
if [ "$recorded" -lt "$answered" ]; then
  echo "ERROR: fewer events recorded than requests answered (duplicate ids?)" >&2
  exit 1
fi
