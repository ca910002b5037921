#!/usr/bin/env bash
# Builds Daylight and runs every test suite (ctest). Extra arguments go to ctest,
# e.g. scripts/test.sh -L fast, or DAYLIGHT_PRESET=asan scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${DAYLIGHT_PRESET:-default}"
bash scripts/build.sh "$preset"
ctest --preset "$preset" -j "$(nproc)" "$@"
