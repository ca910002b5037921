#!/usr/bin/env bash
# Installs the Debian packages Daylight needs (once), then configures and builds.
# Usage: scripts/build.sh [preset]   (default: "default"; "asan" for ASan+UBSan)
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-default}"
bash scripts/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
