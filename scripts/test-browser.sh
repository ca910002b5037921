#!/usr/bin/env bash
# Browser tests (web/e2e, Playwright driving Debian's Chromium headless): installs Chromium when
# /usr/bin/chromium is missing, builds the web UI, makes a fresh demo database in a temporary
# directory, starts `daylight serve` on a free port, runs the tests against it and stops the
# server whatever happens. Screenshots, the report and the server's log go to web/e2e-artifacts/.
# Needs the C++ build (scripts/build.sh). Extra arguments go to `playwright test`, e.g.
#   scripts/test-browser.sh handling        # only e2e/handling.spec.ts
# DAYLIGHT_PRESET picks the build (default "default"); DAYLIGHT_SKIP_WEB_BUILD=1 skips building
# web/dist when the caller has just built it.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
preset="${DAYLIGHT_PRESET:-default}"
daylight="$root/build/$preset/src/cli/daylight"
if [ ! -x "$daylight" ]; then
  echo "test-browser: $daylight is not built; run scripts/build.sh first" >&2
  exit 1
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# Chinese text in the screenshots (the tests read the DOM, so they pass without it).
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed' || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test-browser: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "${DAYLIGHT_SKIP_WEB_BUILD:-}" != 1 ] || [ ! -f web/dist/index.html ]; then
  bash scripts/build-web.sh
fi

artifacts="$root/web/e2e-artifacts"
rm -rf "$artifacts"
mkdir -p "$artifacts"
tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  [ -f "$tmp/serve.log" ] && cp "$tmp/serve.log" "$artifacts/server.log"
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "test-browser: making the demo county (2000 cases)"
"$daylight" --json demo --db "$tmp/demo.db" --cases 2000 > "$tmp/demo.json"
password="$(node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).password)' \
  "$tmp/demo.json")"

"$daylight" serve --db "$tmp/demo.db" --listen 127.0.0.1:0 --web "$root/web/dist" \
  > "$tmp/serve.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 300); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$tmp/serve.log" | head -n 1 || true)"
  if [ -n "$url" ] && node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
      "$url/healthz"; then
    break
  fi
  url=""
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "test-browser: the server stopped:" >&2
    cat "$tmp/serve.log" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "test-browser: the server did not come up in 30 s:" >&2
  cat "$tmp/serve.log" >&2
  exit 1
fi
echo "test-browser: server at $url"

status=0
(cd web && DAYLIGHT_URL="$url" DAYLIGHT_PASSWORD="$password" \
  node_modules/.bin/playwright test "$@") || status=$?

# One plain closing line for whoever reads the log.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).stats ?? {};
  const skipped = r.skipped ?? 0;
  console.log(`browser: ${r.expected ?? 0} passed, ${(r.unexpected ?? 0) + (r.flaky ?? 0)} failed` +
    (skipped ? `, ${skipped} skipped` : ""));
' "$artifacts/results.json" 2>/dev/null || true
echo "test-browser: screenshots in web/e2e-artifacts/screenshots, report in web/e2e-artifacts/report"
exit "$status"
