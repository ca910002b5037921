#!/usr/bin/env bash
# Installs every Debian package that building, testing and running Daylight needs.
# Idempotent: packages already present are skipped by apt-get. Run as root (or via sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libgtest-dev libgmock-dev libbenchmark-dev
  libsqlite3-dev sqlite3
  nlohmann-json3-dev libexpected-dev
  libssl-dev libsodium-dev
  libcli11-dev libfmt-dev libspdlog-dev libtomlplusplus-dev
  libxlsxwriter-dev libzip-dev libpugixml-dev zlib1g-dev
  libgraphviz-dev graphviz fonts-noto-cjk
  liblua5.4-dev
  libmimalloc-dev
  libcpp-httplib-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
