#!/usr/bin/env bash
# Builds Daylight and its web UI and runs every test suite: the UI's Vitest suite, then
# ctest. Extra arguments go to ctest, e.g. scripts/test.sh -L fast, or
# DAYLIGHT_PRESET=asan scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${DAYLIGHT_PRESET:-default}"
bash scripts/build.sh "$preset"
bash scripts/build-web.sh
(cd web && npm test --silent)
ctest --preset "$preset" -j "$(nproc)" "$@"
