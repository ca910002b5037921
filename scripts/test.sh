#!/usr/bin/env bash
# Builds Daylight and its web UI and runs every test suite: the UI's Vitest suite, ctest,
# then the browser tests (Playwright driving Chromium against a real server on the demo
# county). Extra arguments go to ctest, e.g. scripts/test.sh -L fast, or
# DAYLIGHT_PRESET=asan scripts/test.sh. DAYLIGHT_SKIP_BROWSER=1 skips the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${DAYLIGHT_PRESET:-default}"
bash scripts/build.sh "$preset"
bash scripts/build-web.sh
(cd web && npm test --silent)
ctest --preset "$preset" -j "$(nproc)" "$@"
if [ "${DAYLIGHT_SKIP_BROWSER:-}" != 1 ]; then
  DAYLIGHT_PRESET="$preset" DAYLIGHT_SKIP_WEB_BUILD=1 bash scripts/test-browser.sh
fi
